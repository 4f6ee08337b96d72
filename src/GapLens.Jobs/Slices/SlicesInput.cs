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
/// types as a list, genre, duration, rounds, model), the input of a vcn_aoi or vlm_bcq run folder (every
/// sample's outcome derived as the run decided it: <see cref="RunFolderInput"/>), or any CSV / TSV / JSONL
/// / Parquet table. A folder is searched for samples.jsonl, then report/samples.jsonl, then results.jsonl,
/// then read as a vcn_aoi / vlm_bcq run; a folder one level off is refused with a hint naming the right one.
/// </summary>
/// <param name="Path">The table file.</param>
/// <param name="Kind">What the file is: "samples" (GapLens per-sample results), "videoqa" (results.jsonl),
/// "vcn_aoi" (a vcn_aoi run's inference.csv), "vlm_bcq" (a vlm_bcq run's predictions) or "table".</param>
public sealed record SlicesInput(string Path, string Kind)
{
    public const string SamplesKind = "samples";
    public const string VideoQaKind = "videoqa";
    public const string TableKind = "table";
    public const string VcnAoiKind = "vcn_aoi";
    public const string VlmBcqKind = "vlm_bcq";

    /// <summary>The run folder a vcn_aoi / vlm_bcq input was found through (the report goes to its slices/).</summary>
    public string? RunDir { get; init; }

    /// <summary>A vcn_aoi run's operating threshold: a score above it is a NO_PASS decision.</summary>
    public double? Threshold { get; init; }

    /// <summary>Whether the outcome is derived from a run's input (vcn_aoi, vlm_bcq) rather than read from a column.</summary>
    public bool IsPreset => Kind is VcnAoiKind or VlmBcqKind;

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
            if (candidates.FirstOrDefault(File.Exists) is { } found) return Of(found);
            if (RunFolderInput.Of(path) is { } preset) return preset;
            throw new UserInputException(RunFolderInput.OneLevelOff(path)
                ?? $"--results {path}: a folder without {SampleResultsFile.DefaultName}, report/{SampleResultsFile.DefaultName} or {VideoQaResultsFile.ResultsName}, and not a vcn_aoi or vlm_bcq run folder; give the table file itself (.csv, .tsv, .jsonl, .parquet)");
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
        if (IsPreset) return PresetOptions(o);
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

    /// <summary>A vcn_aoi / vlm_bcq input: the outcome column is derived ("correct" or the failure kind,
    /// <see cref="DerivedOutcomeSink"/>), so naming one is an error; the preset's text features are kept.</summary>
    private SliceTableOptions PresetOptions(SlicesOptions o)
    {
        string? given = o.Outcome is not null ? "--outcome" : !o.FailureValues.IsDefaultOrEmpty ? "--failure-values" : !o.SuccessValues.IsDefaultOrEmpty ? "--success-values" : null;
        if (given is not null)
        {
            throw new UserInputException($"{given}: a {Kind} run folder's outcome is derived from the run ({(Kind == VcnAoiKind ? "misclassified at its threshold: false_reject or escape" : "the answer disagrees with the ground truth: false_positive or false_negative")}); to slice on a column of your own, give --results {Path} itself");
        }
        return new SliceTableOptions
        {
            Outcome = Kind == VcnAoiKind ? AoiOutcomeSink.Outcome : BcqOutcomeSink.Outcome,
            Features = o.Features.IsDefaultOrEmpty ? [] : o.Features,
            KeepText = Kind == VlmBcqKind ? [BcqOutcomeSink.QuestionColumn] : [],
            SuccessValues = [DerivedOutcomeSink.Correct],
            ListFeatures = o.ListFeatures.IsDefaultOrEmpty ? [] : o.ListFeatures,
            ListSeparator = o.ListSeparator,
            IdColumn = Kind == VlmBcqKind ? BcqOutcomeSink.VideoIdColumn : null,
            Bins = o.Bins,
        };
    }
}
