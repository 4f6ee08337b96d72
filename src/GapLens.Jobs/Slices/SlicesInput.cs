using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Results;
using GapLens.IO.Tables;
using GapLens.IO.VideoQa;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>
/// Which table <c>gaplens slices</c> reads and how: GapLens' per-sample results (samples.jsonl: outcome
/// column "outcome", features its metadata, ids item_id), a video-QA run's results.jsonl (question
/// types as a list, genre, duration, rounds, model), or any CSV / TSV / JSONL / Parquet table. A folder
/// is searched for samples.jsonl, then report/samples.jsonl, then results.jsonl.
/// </summary>
/// <param name="Path">The table file.</param>
/// <param name="Kind">What the file is: "samples" (GapLens per-sample results), "videoqa" (results.jsonl) or "table".</param>
public sealed record SlicesInput(string Path, string Kind)
{
    public const string SamplesKind = "samples";
    public const string VideoQaKind = "videoqa";
    public const string TableKind = "table";

    /// <summary>The features of a video-QA results.jsonl when none are named.</summary>
    public static readonly ImmutableArray<string> VideoQaFeatures = ["question_types", "genre", "duration_seconds", "rounds", "round_limit_reached", "model", "agent"];

    /// <summary>The table of a file or folder; a folder without one is a user error listing what was looked for.</summary>
    public static SlicesInput Locate(string path)
    {
        if (Directory.Exists(path))
        {
            string[] candidates =
            [
                System.IO.Path.Combine(path, SampleResultsFile.DefaultName),
                System.IO.Path.Combine(path, "report", SampleResultsFile.DefaultName),
                System.IO.Path.Combine(path, VideoQaResultsFile.ResultsName),
            ];
            string found = candidates.FirstOrDefault(File.Exists)
                ?? throw new UserInputException($"--results {path}: a folder without {SampleResultsFile.DefaultName}, report/{SampleResultsFile.DefaultName} or {VideoQaResultsFile.ResultsName}; give the table file itself (.csv, .tsv, .jsonl, .parquet)");
            return Of(found);
        }
        if (!File.Exists(path)) throw new UserInputException($"--results {path}: no such file or folder");
        if (TableFile.FormatOf(path) is null) throw new UserInputException($"--results {path}: unknown table type '{System.IO.Path.GetExtension(path)}'; expected .csv, .tsv, .jsonl (or .json, .ndjson) or .parquet");
        return Of(path);
    }

    private static SlicesInput Of(string file)
    {
        string name = System.IO.Path.GetFileName(file);
        if (name == SampleResultsFile.DefaultName) return new SlicesInput(file, SamplesKind);
        if (name == VideoQaResultsFile.ResultsName && File.ReadLines(file).FirstOrDefault(l => l.Length > 0) is { } first && first.Contains("\"gaplens.videoqa.result/", StringComparison.Ordinal))
        {
            return new SlicesInput(file, VideoQaKind);
        }
        return new SlicesInput(file, TableKind);
    }

    /// <summary>How the table's columns become features, from the options and what the file is.</summary>
    public SliceTableOptions TableOptions(SlicesOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var features = o.Features.IsDefaultOrEmpty ? (Kind == VideoQaKind ? VideoQaFeatures : []) : o.Features;
        var lists = o.ListFeatures.IsDefaultOrEmpty ? [] : o.ListFeatures;
        return new SliceTableOptions
        {
            Outcome = o.Outcome ?? "outcome",
            Features = features,
            FeaturePrefix = Kind == SamplesKind ? "metadata." : null,
            FailureValues = o.FailureValues.IsDefaultOrEmpty ? [] : o.FailureValues,
            SuccessValues = o.SuccessValues.IsDefaultOrEmpty ? [] : o.SuccessValues,
            ListFeatures = lists,
            ListSeparator = o.ListSeparator,
            IdColumn = Kind is SamplesKind or VideoQaKind ? "item_id" : null,
            Bins = o.Bins,
        };
    }
}
