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
