using System.Collections.Immutable;

namespace GapLens.Core.Reports.Rca;

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
