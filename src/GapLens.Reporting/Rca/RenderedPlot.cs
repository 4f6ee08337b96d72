namespace GapLens.Reporting.Rca;

/// <summary>One rendered plot: its file stem, title, SVG text (embedded in the HTML) and PNG bytes.</summary>
public sealed record RenderedPlot(string Name, string Title, string Svg, byte[] Png);
