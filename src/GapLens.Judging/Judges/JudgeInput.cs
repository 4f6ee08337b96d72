namespace GapLens.Judging.Judges;

/// <summary>What a judge sees for one item: the input frame, the ground-truth final frame (or a goal
/// when there is none) and the last frame of the generated video, as PNG files.</summary>
public sealed record JudgeInput(string TaskType, string Prompt, string FirstFramePng, string? FinalFramePng, string LastFramePng, string? Goal);
