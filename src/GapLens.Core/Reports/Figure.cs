using System.Text.Json.Serialization;

namespace GapLens.Core.Reports;

/// <summary>A chart as data: what to draw, not how (the Reporting layer draws it as SVG and PNG).
/// <see cref="Id"/> names its files; <see cref="Legend"/> explains how to read it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BarChart), "bar")]
[JsonDerivedType(typeof(HistogramChart), "histogram")]
[JsonDerivedType(typeof(LineChart), "line")]
[JsonDerivedType(typeof(HeatmapChart), "heatmap")]
[JsonDerivedType(typeof(ScatterChart), "scatter")]
[JsonDerivedType(typeof(TimelineChart), "timeline")]
public abstract record Figure(string Id, string Title, string? Legend);
