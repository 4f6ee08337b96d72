namespace GapLens.IO.Documents.Serve;

/// <summary>The next item, or null with the reason.</summary>
public sealed record NextDocument(ItemDocument? Item, string? Message);
