namespace GapLens.Core.Reports;

/// <summary>A short status word with a tone (e.g. "misclassified" in red).</summary>
public sealed record BadgeCell(string Value, Tone Tone) : Cell
{
    public override string Text => Value;
}
