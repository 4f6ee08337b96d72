namespace GapLens.Core.Reports;

/// <summary>A shaded vertical band from one x to another (e.g. the thresholds that meet a target).</summary>
public sealed record SpanBand(double From, double To, string Label);
