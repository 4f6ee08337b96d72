namespace GapLens.IO.Documents.Serve;

/// <summary>Where an item's pictures and video are served (by item id; null when the file is absent).</summary>
public sealed record MediaDocument(string? FirstFrame, string? FinalFrame, string? LastFrame, string? Video);
