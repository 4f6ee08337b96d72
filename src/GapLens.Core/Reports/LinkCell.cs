namespace GapLens.Core.Reports;

/// <summary>A link to another file of the run (<see cref="Href"/> relative to the page), shown as <see cref="Label"/>.</summary>
public sealed record LinkCell(string Href, string Label) : Cell
{
    public override string Text => Label;
}
