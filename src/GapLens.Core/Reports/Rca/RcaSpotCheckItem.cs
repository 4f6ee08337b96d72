namespace GapLens.Core.Reports.Rca;

/// <summary>Section 5: a sample to look at, its first-lighting image and the thumbnail made of it
/// (null with the reason when the image is missing).</summary>
public sealed record RcaSpotCheckItem(RcaSample Sample, string ImagePath, string? ThumbnailFile, string? Problem);
