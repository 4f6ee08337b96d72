using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Documents;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Core.Json;

namespace GapLens.Judging.Folders;

/// <summary>
/// Per-item score files: data/evaluations/&lt;evaluator-dir&gt;/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/&lt;EvaluatorName&gt;.json.
/// Reads both spellings VMEvalKit uses (evaluations/scorings, evaluator/scorer,
/// evaluation_type/scoring_type); writes the evaluations form, atomically.
/// </summary>
public static class ScoreFiles
{
    public static string PathFor(string evaluationsRoot, string evaluatorDir, VmItem item, string evaluatorName) =>
        Path.Combine(evaluationsRoot, evaluatorDir, item.Experiment, item.Model, item.TaskType, item.TaskId, evaluatorName + ".json");

    public static void Write(string path, ScoreRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var meta = new ScoreMetadataDocument(r.Evaluator, r.Annotator, r.Timestamp.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            r.Model, r.TaskType, r.TaskId, r.Experiment);
        var result = r.Status switch
        {
            ScoreStatus.Completed => new ScoreResultDocument
            {
                SolutionCorrectnessScore = r.Score!.Value,
                Comments = r.Annotator is not null ? r.Explanation ?? "" : null,
                Explanation = r.Annotator is null ? r.Explanation ?? "" : null,
                EvaluationType = r.Annotator is null ? r.EvaluationType ?? "final_frame_comparison" : null,
                FrameScores = r.FrameScores is { } fs ? [.. fs] : null,
                FrameAgreement = r.FrameScores is null ? null : r.FrameAgreement ?? 0,
                NeedsReview = r.FrameScores is null ? null : r.NeedsReview ?? false,
                Status = "completed",
            },
            ScoreStatus.Skipped => new ScoreResultDocument { Error = r.Error ?? "skipped", Status = "skipped" },
            _ => new ScoreResultDocument { Error = r.Error ?? "judge failure", RawReply = r.RawReply, Status = "failed" },
        } with
        {
            Judge = r.Judge is null ? null : new SortedDictionary<string, string>(r.Judge.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
        };
        if (r.Annotations is { } annotations)
        {
            result = result with
            {
                Annotations = [.. annotations.Select(a => new HumanAnnotationDocument(a.Annotator, a.Score, a.Score is null, a.Comments,
                    a.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), a.Source))],
            };
        }
        AtomicFile.Write(path, GapLensJson.Serialize(new ScoreFileDocument(meta, result)));
    }

    /// <summary>Reads one score file. A malformed file (no "result", a score outside 1-5, bytes that
    /// are not UTF-8, a string that is not text, a file over the record limit or unreadable) is a
    /// <see cref="UserInputException"/> naming the file and the problem: callers count it per item.</summary>
    public static ScoreRecord Read(string path)
    {
        byte[] bytes = InputFile.ReadAllBounded(path, "score file");
        int bad = TextEncodings.IndexOfInvalidUtf8(bytes);
        if (bad >= 0) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: not UTF-8 (byte 0x{bytes[bad]:X2} at offset {bad})"));
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{path}: invalid JSON ({JsonErrorText.Of(ex)})");
        }
        using (doc)
        {
            try
            {
                return Interpret(doc.RootElement, path);
            }
            catch (InvalidOperationException)
            {
                // JsonElement.GetString on an escape that decodes to no text.
                throw new UserInputException($"{path}: a string holds an escape that is not text (a lone surrogate such as \\ud800)");
            }
        }
    }

    private static ScoreRecord Interpret(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new UserInputException($"{path}: expected a JSON object with \"metadata\" and \"result\"");
        var meta = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        string Meta(params string[] keys)
        {
            if (meta.ValueKind != JsonValueKind.Object) return "";
            foreach (string k in keys)
            {
                if (meta.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString() ?? "";
            }
            return "";
        }
        // An item saved as skipped at top level: {"error": ..., "status": "skipped"}.
        var result = root.TryGetProperty("result", out var res) && res.ValueKind == JsonValueKind.Object ? res
            : root.TryGetProperty("status", out _) ? root
            : throw new UserInputException($"{path}: no \"result\" object");
        string status = result.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString()! : "completed";
        DateTimeOffset.TryParse(Meta("timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts);
        var dirs = path.Split(Path.DirectorySeparatorChar);
        string Dir(int fromEnd) => dirs.Length > fromEnd ? dirs[^fromEnd] : "";
        var rec = new ScoreRecord(Meta("evaluator", "scorer"), Dir(5), Meta("model_name") is { Length: > 0 } mn ? mn : Dir(4),
            Meta("task_type") is { Length: > 0 } tt ? tt : Dir(3), Meta("task_id") is { Length: > 0 } ti ? ti : Dir(2),
            ScoreStatus.Completed, null, null, null, Meta("annotator") is { Length: > 0 } a ? a : null, ts);
        rec = rec with { Annotations = Annotations(path, result), Judge = JudgeBlock(result) };
        if (status is "skipped") return rec with { Status = ScoreStatus.Skipped, Error = Str(result, "error") };
        if (status is "failed" or "error") return rec with { Status = ScoreStatus.Failed, Error = Str(result, "error") };
        if (!result.TryGetProperty("solution_correctness_score", out var sc) && !result.TryGetProperty("goal_achieved_score", out sc))
        {
            throw new UserInputException($"{path}: result has no solution_correctness_score");
        }
        if (sc.ValueKind != JsonValueKind.Number || !sc.TryGetInt32(out int score) || score is < 1 or > 5)
        {
            throw new UserInputException($"{path}: solution_correctness_score must be an integer 1-5, got {sc.GetRawText()}");
        }
        IReadOnlyList<int>? frameScores = result.TryGetProperty("frame_scores", out var fsEl) && fsEl.ValueKind == JsonValueKind.Array
            ? [.. fsEl.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int f) && f is >= 1 and <= 5 ? f
                : throw new UserInputException($"{path}: frame_scores must be integers 1-5, got {v.GetRawText()}"))]
            : null;
        return rec with
        {
            FrameScores = frameScores,
            FrameAgreement = result.TryGetProperty("frame_agreement", out var fa) && fa.ValueKind == JsonValueKind.Number && fa.TryGetDouble(out double agreement) && double.IsFinite(agreement) ? agreement : null,
            NeedsReview = result.TryGetProperty("needs_review", out var nr) && nr.ValueKind is JsonValueKind.True or JsonValueKind.False ? nr.GetBoolean() : null,
            Score = score,
            Explanation = Str(result, "explanation") ?? Str(result, "comments"),
            EvaluationType = Str(result, "evaluation_type") ?? Str(result, "scoring_type"),
        };
    }

    /// <summary>All score files under an evaluator folder (e.g. data/evaluations/human-eval), with the
    /// files that could not be read listed apart (file, reason).</summary>
    public static (IReadOnlyList<ScoreRecord> Records, IReadOnlyList<(string File, string Problem)> Bad) ReadAll(string evaluatorDir)
    {
        if (!Directory.Exists(evaluatorDir)) throw new UserInputException($"score folder not found: {evaluatorDir}");
        var good = new List<ScoreRecord>();
        var bad = new List<(string, string)>();
        var files = ScoreFilePaths(evaluatorDir);
        CheckLevel(evaluatorDir, files);
        foreach (string f in files)
        {
            try
            {
                good.Add(Read(f));
            }
            catch (UserInputException ex)
            {
                bad.Add((f, ex.Message));
            }
        }
        return (good, bad);
    }

    /// <summary>The "annotations" list of a human-eval.json written by GapLens, or null when absent.</summary>
    private static List<HumanAnnotation>? Annotations(string path, JsonElement result)
    {
        if (!result.TryGetProperty("annotations", out var list) || list.ValueKind == JsonValueKind.Null) return null;
        if (list.ValueKind != JsonValueKind.Array) throw new UserInputException($"{path}: \"annotations\" must be a list, got {list.ValueKind.ToString().ToLowerInvariant()}");
        var found = new List<HumanAnnotation>();
        int i = 0;
        foreach (var a in list.EnumerateArray())
        {
            string where = $"{path}: annotations[{i++}]";
            if (a.ValueKind != JsonValueKind.Object) throw new UserInputException($"{where} must be an object");
            string annotator = Str(a, "annotator") is { Length: > 0 } n ? n : throw new UserInputException($"{where} has no \"annotator\"");
            int? score = null;
            if (a.TryGetProperty("solution_correctness_score", out var sc) && sc.ValueKind != JsonValueKind.Null)
            {
                if (sc.ValueKind != JsonValueKind.Number || !sc.TryGetInt32(out int v) || v is < 1 or > 5)
                {
                    throw new UserInputException($"{where}: solution_correctness_score must be an integer 1-5 or null (unsure), got {sc.GetRawText()}");
                }
                score = v;
            }
            if (!DateTimeOffset.TryParse(Str(a, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                throw new UserInputException($"{where}: \"timestamp\" must be an ISO 8601 time, got {(a.TryGetProperty("timestamp", out var t) ? t.GetRawText() : "nothing")}");
            }
            found.Add(new HumanAnnotation(annotator, score, Str(a, "comments") ?? "", at, Str(a, "source") ?? "import"));
        }
        return found;
    }

    /// <summary>The per-item files under a folder: *.json below it, but not run records (_runs/), caches
    /// (_cache/, _frames/) or hidden entries, which live beside the scores.</summary>
    private static List<string> ScoreFilePaths(string dir) =>
        [.. Directory.EnumerateFiles(dir, "*.json", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
            .Where(f => !Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).Any(p => p is "_runs" or "_cache" or "_frames" || p.StartsWith('.')))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Score files sit exactly at &lt;evaluator&gt;/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/&lt;Name&gt;.json.
    /// A folder one level too high (the evaluations root, holding evaluator folders) would merge every
    /// evaluator's scores into one ranking; one too deep would shift every level. Both are refused with
    /// the folder to give instead.
    /// </summary>
    private static void CheckLevel(string dir, List<string> files)
    {
        if (files.Count == 0) return;
        string full = Path.GetFullPath(dir).TrimEnd('/');
        var depths = files.GroupBy(f => Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar).Length).ToDictionary(g => g.Key, g => g.ToList());
        if (depths.Keys.All(d => d == 5)) return;
        if (depths.Keys.All(d => d == 6))
        {
            var evaluators = files.Select(f => Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar)[0]).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new UserInputException(
                $"{full} holds several evaluator folders ({string.Join(", ", evaluators)}); give one of them, e.g. {Path.Combine(full, evaluators[0])} (their scores must not be merged)");
        }
        if (depths.Keys.All(d => d < 5))
        {
            throw new UserInputException(
                $"{full} looks {5 - depths.Keys.Max()} level(s) too deep: score files sit at <evaluator>/<experiment>/<model>/<task_type>/<task_id>/<name>.json; give the evaluator folder, e.g. {Path.GetDirectoryName(full)}");
        }
        var odd = depths.Where(d => d.Key != 5).SelectMany(d => d.Value).First();
        throw new UserInputException(
            $"{full}: {Path.GetRelativePath(dir, odd)} is not at <experiment>/<model>/<task_type>/<task_id>/<name>.json below the evaluator folder; give one evaluator folder whose files all sit at that level");
    }

    /// <summary>The "judge" object of a result: string members only (null when absent or not an object).</summary>
    private static IReadOnlyDictionary<string, string>? JudgeBlock(JsonElement result)
    {
        if (!result.TryGetProperty("judge", out var j) || j.ValueKind != JsonValueKind.Object) return null;
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in j.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String) d[p.Name] = p.Value.GetString()!;
        }
        return d;
    }

    private static string? Str(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
