namespace GapLens.Judging.Judges;

/// <summary>A judge's verdict: a 1-5 score with its explanation, or a failure with the raw reply.</summary>
public sealed record JudgeOutcome(int? Score, string? Explanation, string? Failure, string? RawReply, string EvaluationType = "final_frame_comparison")
{
    public static JudgeOutcome Scored(int score, string explanation, string evaluationType = "final_frame_comparison") => new(score, explanation, null, null, evaluationType);

    public static JudgeOutcome Failed(string reason, string? raw = null) => new(null, null, reason, raw);
}
