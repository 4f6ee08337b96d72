namespace GapLens.Video.Metrics;

/// <summary>A question one run got right and the other did not (wrong or unanswered).</summary>
public sealed record FlippedItem(string Uid, string Key, string Types, string Gold, string? ThisAnswer, string? OtherAnswer, bool RightHere);
