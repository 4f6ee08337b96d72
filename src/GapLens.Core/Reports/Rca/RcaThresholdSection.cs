using System.Collections.Immutable;
using GapLens.Core.Mining.Aoi;

namespace GapLens.Core.Reports.Rca;

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
