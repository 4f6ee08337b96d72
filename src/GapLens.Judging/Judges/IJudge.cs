namespace GapLens.Judging.Judges;

/// <summary>A judge: the identity recorded in the run manifest, and the scoring of one item.</summary>
public interface IJudge
{
    /// <summary>The evaluator folder and file name (e.g. "vision-eval", "pixel-eval").</summary>
    string EvaluatorDir { get; }

    /// <summary>Everything that shapes the verdicts: model id, prompt template id and hash, temperature...</summary>
    IReadOnlyDictionary<string, string> Identity { get; }

    Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct);
}
