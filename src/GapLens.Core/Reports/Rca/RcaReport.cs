using System.Collections.Immutable;
using GapLens.Core.Mining.Aoi;

namespace GapLens.Core.Reports.Rca;

/// <summary>
/// The root-cause-analysis report of a vcn_aoi run, built once from the run's results; the Markdown
/// and HTML exporters only render it. <see cref="Unreachable"/> set means the KPI was unreachable:
/// sections 3-6 collapse into it and the actions are a single retrain-or-relabel recommendation.
/// </summary>
public sealed record RcaReport(
    string ToolVersion,
    DateTimeOffset CreatedUtc,
    string InferenceCsv,
    RcaVerdict Verdict,
    RcaThresholdSection Selection,
    ImmutableArray<AoiLabelStats> Weakness,
    ImmutableArray<RcaLabelSamples> TopK,
    ImmutableArray<RcaSpotCheckItem> SpotCheck,
    string Breakdown,
    ImmutableArray<string> Actions,
    string? Unreachable,
    RcaPlotData Plots);

/// <summary>Section 1. Numbers are already formatted the way the TAO logs print them.</summary>
public sealed record RcaVerdict(
    string Threshold,
    string Precision,
    string Recall,
    string F1,
    bool KpiReachable,
    bool ThresholdPinned,
    long Total,
    long Pass,
    long NoPass,
    long WeakKept,
    ImmutableArray<(string Label, long Misclassified)> TopLabels,
    string Headline);

/// <summary>Section 2: the recall target, the sweep, the tie-break that decided, the confusion table,
/// threshold-free summaries of the scores (ROC AUC, average precision; null when undefined), 95%
/// intervals for precision and recall at the threshold (Wilson and a seeded bootstrap), and the
/// recall target checked per defect label.</summary>
public sealed record RcaThresholdSection(
    string MinRecall,
    int CandidatesEvaluated,
    int CandidatesFeasible,
    string TieBreak,
    long Tp,
    long Fn,
    long Fp,
    long Tn,
    double? RocAuc,
    double? AveragePrecision,
    Statistics.Interval? PrecisionWilson,
    Statistics.Interval? RecallWilson,
    Statistics.ConfusionBootstrap.Result? Bootstrap,
    ImmutableArray<AoiLabelRecall> LabelRecall);

/// <summary>One reported sample (a CSV row).</summary>
public sealed record RcaSample(string Label, string InputPath, string ObjectName, double Score, double Weakness, bool Misclassified);

/// <summary>Section 4: a label group's kept samples, one row per (input_path, object_name).</summary>
public sealed record RcaLabelSamples(string Group, ImmutableArray<RcaSample> Samples);

/// <summary>Section 5: a sample to look at, its first-lighting image and the thumbnail made of it
/// (null with the reason when the image is missing).</summary>
public sealed record RcaSpotCheckItem(RcaSample Sample, string ImagePath, string? ThumbnailFile, string? Problem);

/// <summary>The data behind the plots: score histograms per class on shared bins, precision/recall/
/// F1 against the threshold (downsampled, with feasibility), the chosen point, and the PR curve.</summary>
public sealed record RcaPlotData(
    ImmutableArray<double> BinEdges,
    ImmutableArray<long> PassCounts,
    ImmutableArray<long> NoPassCounts,
    ImmutableArray<double> SweepThreshold,
    ImmutableArray<double> SweepPrecision,
    ImmutableArray<double> SweepRecall,
    ImmutableArray<double> SweepF1,
    ImmutableArray<bool> SweepFeasible,
    double? ChosenThreshold,
    ImmutableArray<double> PrRecall,
    ImmutableArray<double> PrPrecision,
    double? ChosenRecall,
    double? ChosenPrecision);
