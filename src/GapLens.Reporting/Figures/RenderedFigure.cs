namespace GapLens.Reporting.Figures;

/// <summary>One drawn figure: its id (file stem), title, SVG text (inlined in HTML) and PNG bytes (linked from Markdown).</summary>
public sealed record RenderedFigure(string Id, string Title, string Svg, byte[] Png);
