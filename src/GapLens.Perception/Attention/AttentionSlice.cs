namespace GapLens.Perception.Attention;

/// <summary>
/// One slice of the maps that is scored on its own: a layer and head, a layer's mean over heads
/// (<paramref name="Head"/> "mean"), the mean over all layers (<paramref name="Layer"/> "mean"), or the
/// only map when there are no layer and head axes (both null).
/// </summary>
public sealed record AttentionSlice(int Index, string Name, string? Layer, string? Head);
