using System.Collections.Immutable;

namespace GapLens.Statistics;

/// <summary>
/// Selective prediction: the risk-coverage curve (one point per distinct confidence, from the most
/// confident down), the area under it (AURC, lower is better), the area an oracle ordering (all correct
/// samples first) would get and the excess over it (E-AURC, lower is better, 0 = a perfect ranking).
/// Areas are null with the reason when there are no samples.
/// </summary>
public sealed record RiskCoverageResult(
    ImmutableArray<RiskCoveragePoint> Curve, long Count, long Errors, double? Aurc, double? OptimalAurc, double? ExcessAurc, string? UndefinedReason = null);
