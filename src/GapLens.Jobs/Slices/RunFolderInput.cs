using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Runs;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Results;
using GapLens.IO.VideoQa;
using GapLens.Jobs.VcnAoi;
using GapLens.Core.Json;

namespace GapLens.Jobs.Slices;

/// <summary>
/// A GapLens run folder as <c>gaplens slices</c> input when it holds no per-sample table of its own:
/// vcn_aoi and vlm_bcq write only their gaps, so every sample is read again from the input the run
/// record names (inference.csv, predictions.json), whose fingerprint must still match the record (a
/// changed or missing input is a user error: the outcome would not be the run's). Which job made the
/// folder comes from its run record (the roles of its inputs, then the verb), never from its name.
/// Also words the hint for a folder given one level too high or too deep.
/// </summary>
internal static class RunFolderInput
{
    public const string InferenceCsvRole = "inference_csv";
    public const string PredictionsRole = "predictions_json";

    /// <summary>The preset input of a vcn_aoi or vlm_bcq run folder; null when the folder has no run record
    /// or the record is of another job.</summary>
    public static SlicesInput? Of(string dir)
    {
        string recordPath = Path.Combine(dir, OutputSet.ManifestName);
        if (!File.Exists(recordPath)) return null;
        RunManifest? m;
        try
        {
            m = GapLensJson.ReadManifest(File.ReadAllBytes(recordPath));
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"--results {dir}: its {OutputSet.ManifestName} does not parse ({JsonErrorText.Of(ex)})");
        }
        if (m is null) return null;
        if (InputOf(m, InferenceCsvRole) is { } csv || (m.Verb.EndsWith("vcn_aoi", StringComparison.Ordinal) && (csv = m.Inputs.FirstOrDefault(i => i.Path.EndsWith("inference.csv", StringComparison.Ordinal))) is not null))
        {
            Check(dir, "vcn_aoi", csv);
            return new SlicesInput(csv.Path, SlicesInput.VcnAoiKind) { RunDir = dir, Threshold = AoiThreshold(dir) };
        }
        if (InputOf(m, PredictionsRole) is { } predictions || (m.Verb.EndsWith("vlm_bcq", StringComparison.Ordinal) && (predictions = m.Inputs.FirstOrDefault(i => i.Kind == RunFileKind.File)) is not null))
        {
            Check(dir, "vlm_bcq", predictions);
            return new SlicesInput(predictions.Path, SlicesInput.VlmBcqKind) { RunDir = dir };
        }
        return null;
    }

    private static RunFile? InputOf(RunManifest m, string role) => m.Inputs.FirstOrDefault(i => i.Role == role && i.Kind == RunFileKind.File);

    /// <summary>The input must be the file the run read: present, same size, same content hash.</summary>
    private static void Check(string dir, string job, RunFile input)
    {
        string rerun = $"rerun gap_analysis {job} into {dir} first, or give the table file itself";
        if (!File.Exists(input.Path))
        {
            throw new UserInputException($"--results {dir}: the {job} run read {input.Path}, which is gone; every sample's outcome is read from it ({rerun})");
        }
        long bytes = new FileInfo(input.Path).Length;
        if (bytes != input.Bytes || (input.Xxh128 is { } h && FileHash.Xxh128(input.Path) != h))
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--results {dir}: {input.Path} changed since the {job} run read it ({(bytes != input.Bytes ? $"{bytes:N0} bytes, the run record says {input.Bytes:N0}" : "its content differs from the run record's hash")}); {rerun}"));
        }
    }

    /// <summary>The operating threshold of a vcn_aoi run (metrics.json); a run whose KPI was unreachable has none.</summary>
    private static double AoiThreshold(string dir)
    {
        string metrics = Path.Combine(dir, VcnAoiJob.MetricsName);
        if (!File.Exists(metrics))
        {
            throw new UserInputException(File.Exists(Path.Combine(dir, VcnAoiJob.UnreachableName))
                ? $"--results {dir}: this vcn_aoi run found no threshold reaching its recall target ({VcnAoiJob.UnreachableName}), so no sample has a decision to slice; rerun vcn_aoi with a lower min_recall or a pinned threshold"
                : $"--results {dir}: a vcn_aoi run folder without {VcnAoiJob.MetricsName} (the threshold); rerun vcn_aoi into it");
        }
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(metrics));
            if (doc.RootElement.TryGetProperty("threshold", out var t) && t.ValueKind == JsonValueKind.Number) return t.GetDouble();
        }
        catch (JsonException)
        {
            // Reported below with the same words.
        }
        throw new UserInputException($"{metrics}: no number 'threshold' (the vcn_aoi operating threshold); rerun vcn_aoi into {dir}");
    }

    /// <summary>
    /// The one-line hint for a folder that holds no input of <c>gaplens slices</c> but sits one level
    /// above or below one that does (a demo's output folder, a run's images folder); null otherwise.
    /// </summary>
    public static string? OneLevelOff(string dir)
    {
        string full = Path.GetFullPath(dir).TrimEnd('/');
        var below = Directory.EnumerateDirectories(full).Order(StringComparer.Ordinal).Where(IsInput).ToList();
        if (below.Count > 0)
        {
            string more = below.Count > 1 ? $" (or another of its results: {string.Join(", ", below.Skip(1).Take(4).Select(Path.GetFileName))}{(below.Count > 5 ? ", ..." : "")})" : "";
            return $"--results {full} looks one level too high: it holds no results, its subfolder {Path.GetFileName(below[0])} does; give --results {below[0]}{more}";
        }
        string? parent = Path.GetDirectoryName(full);
        if (parent is not null && IsInput(parent))
        {
            return $"--results {full} looks one level too deep: its parent folder holds the results; give --results {parent}";
        }
        return null;
    }

    /// <summary>Whether a folder is an input of <c>gaplens slices</c> (a per-sample table, or a vcn_aoi / vlm_bcq run).</summary>
    private static bool IsInput(string dir)
    {
        if (File.Exists(Path.Combine(dir, SampleResultsFile.DefaultName)) || File.Exists(Path.Combine(dir, "report", SampleResultsFile.DefaultName))
            || File.Exists(Path.Combine(dir, VideoQaResultsFile.ResultsName)))
        {
            return true;
        }
        string record = Path.Combine(dir, OutputSet.ManifestName);
        if (!File.Exists(record)) return false;
        try
        {
            return GapLensJson.ReadManifest(File.ReadAllBytes(record)) is { } m
                && (InputOf(m, InferenceCsvRole) is not null || InputOf(m, PredictionsRole) is not null);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
