namespace GapLens.Core.Reports;

/// <summary>Preformatted text shown as is (e.g. a TAO file's content).</summary>
public sealed record CodeBlock(string Text) : Block;
