namespace GapLens.Perception.Attention;

/// <summary>A slice's place when slices are ranked by how well their attention predicts correctness
/// (AUROC of <see cref="CorrectnessLink.Metric"/>, highest first; undefined last).</summary>
public sealed record SliceRanking(int Rank, AttentionSlice Slice, CorrectnessLink Link);
