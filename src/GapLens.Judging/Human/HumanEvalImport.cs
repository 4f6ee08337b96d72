using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GapLens.Core;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>
/// Existing human-eval.json files (VMEvalKit's Gradio scorer writes one per item with its annotator;
/// GapLens writes every annotator's latest answer under "annotations") turned into submissions. An
/// answer already in the log (same item, annotator, time to the millisecond, score and comments) is
/// not imported again, so importing on every start imports each answer once. The item is taken from
/// the file's place, human-eval/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/human-eval.json.
/// </summary>
public static class HumanEvalImport
{
    public const string Session = "import";
    public const string UnknownAnnotator = "unknown";

    /// <summary>One readable file and the item it belongs to.</summary>
    public sealed record Found(string File, ItemKey Item, ScoreRecord Record);

    /// <summary>Reads every human-eval.json under evaluations/human-eval (in parallel); unreadable files are listed with the reason.</summary>
    public static (List<Found> Files, List<(string File, string Problem)> Bad) Scan(string evaluationsRoot)
    {
        string dir = Path.Combine(evaluationsRoot, HumanConsensus.EvaluatorDir);
        var found = new ConcurrentBag<Found>();
        var bad = new ConcurrentBag<(string, string)>();
        if (!Directory.Exists(dir)) return ([], []);
        var files = Directory.EnumerateFiles(dir, HumanConsensus.EvaluatorDir + ".json", SearchOption.AllDirectories)
            .Select(f => (File: f, Parts: Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar)))
            .Where(x => x.Parts.Length == 5 && !x.Parts[0].StartsWith('_') && !x.Parts[0].StartsWith('.'));
        Parallel.ForEach(files, x =>
        {
            try
            {
                var record = ScoreFiles.Read(x.File);
                found.Add(new Found(x.File, new ItemKey(x.Parts[0], x.Parts[1], x.Parts[2], x.Parts[3]), record));
            }
            catch (UserInputException ex)
            {
                bad.Add((x.File, ex.Message));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                bad.Add((x.File, $"{x.File}: {ex.Message}"));
            }
        });
        return ([.. found.OrderBy(f => f.File, StringComparer.Ordinal)], [.. bad.OrderBy(b => b.Item1, StringComparer.Ordinal)]);
    }

    /// <summary>The answers a file records, as submissions (none for a skipped or failed file without annotations).</summary>
    public static IEnumerable<HumanSubmission> Submissions(Found file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var r = file.Record;
        DateTimeOffset fallback = r.Timestamp == default ? new DateTimeOffset(File.GetLastWriteTimeUtc(file.File)) : r.Timestamp;
        if (r.Annotations is { } annotations)
        {
            foreach (var a in annotations) yield return Make(file.Item, a.Annotator, a.Score, a.Comments, a.Timestamp == default ? fallback : a.Timestamp);
        }
        else if (r.Status == ScoreStatus.Completed)
        {
            yield return Make(file.Item, r.Annotator, r.Score, r.Explanation ?? "", fallback);
        }
    }

    private static HumanSubmission Make(ItemKey item, string? annotator, int? score, string comments, DateTimeOffset at)
    {
        string name = string.IsNullOrWhiteSpace(annotator) ? UnknownAnnotator : annotator.Trim();
        var ms = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        string content = string.Create(CultureInfo.InvariantCulture, $"{item}\0{name}\0{ms.ToUnixTimeMilliseconds()}\0{score}\0{comments}");
        string requestId = "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)).AsSpan(0, 16));
        return new HumanSubmission(0, item, name, score, comments, ms, null, null, Session, SubmissionSource.Import, requestId);
    }
}
