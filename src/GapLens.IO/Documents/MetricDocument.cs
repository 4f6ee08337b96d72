using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>A metric in a results file: its value (null when undefined, with the reason) and its 95% interval with the method.</summary>
public sealed record MetricDocument(double? Value, string? Reason, ImmutableArray<double>? Ci95, string? CiMethod);
