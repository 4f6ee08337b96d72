namespace GapLens.Jobs.VcnAoi;

/// <summary>A spot-check sample's first-lighting image: where it is, and the thumbnail file made of it
/// (relative to results_dir) or why there is none.</summary>
public sealed record RcaThumbnail(RcaSample Sample, string ImagePath, string? File, string? Problem);
