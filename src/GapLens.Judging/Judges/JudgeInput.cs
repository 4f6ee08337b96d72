namespace GapLens.Judging.Judges;

/// <summary>What a judge sees for one item: the input frame, the ground-truth final frame (or a goal
/// when there is none) and the last frame of the generated video, as PNG files.</summary>
public sealed record JudgeInput(string TaskType, string Prompt, string FirstFramePng, string? FinalFramePng, string LastFramePng, string? Goal);

/// <summary>A judge's verdict: a 1-5 score with its explanation, or a failure with the raw reply.</summary>
public sealed record JudgeOutcome(int? Score, string? Explanation, string? Failure, string? RawReply, string EvaluationType = "final_frame_comparison")
{
    public static JudgeOutcome Scored(int score, string explanation, string evaluationType = "final_frame_comparison") => new(score, explanation, null, null, evaluationType);

    public static JudgeOutcome Failed(string reason, string? raw = null) => new(null, null, reason, raw);
}

/// <summary>A judge: the identity recorded in the run manifest, and the scoring of one item.</summary>
public interface IJudge
{
    /// <summary>The evaluator folder and file name (e.g. "vision-eval", "pixel-eval").</summary>
    string EvaluatorDir { get; }

    /// <summary>Everything that shapes the verdicts: model id, prompt template id and hash, temperature...</summary>
    IReadOnlyDictionary<string, string> Identity { get; }

    Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct);
}
