namespace GapLens.Core.Reports;

/// <summary>Plain text; <see cref="Monospace"/> sets it in a monospace font (paths, ids, thresholds).</summary>
public sealed record TextCell(string Value, bool Monospace = false) : Cell
{
    public override string Text => Value;
}
