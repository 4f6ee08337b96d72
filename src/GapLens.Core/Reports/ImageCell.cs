namespace GapLens.Core.Reports;

/// <summary>An image file of the run (relative path), or why there is none.</summary>
public sealed record ImageCell(string? Path, string Alt, string? Problem = null) : Cell
{
    public override string Text => Path is null ? $"missing: {Problem ?? Alt}" : Alt;
}
