namespace GapLens.Core.Results;

/// <summary>
/// How one sample ended. Only <see cref="Correct"/> and <see cref="Wrong"/> are answers; the others are
/// their own outcomes, counted and shown, never folded into wrong (or into a score of 0).
/// </summary>
public enum SampleOutcome
{
    /// <summary>Answered, and the answer is right (or the score passes).</summary>
    Correct,

    /// <summary>Answered, and the answer is wrong (or the score fails).</summary>
    Wrong,

    /// <summary>The model gave no answer that could be read as one (none, or conflicting ones).</summary>
    Unanswered,

    /// <summary>The output could not be parsed at all (e.g. no JSON where JSON is required).</summary>
    ParseFailed,

    /// <summary>The judge (or the endpoint) failed for this item; the raw reply is kept.</summary>
    JudgeFailed,

    /// <summary>Not scorable (e.g. no ground truth); neither right nor wrong.</summary>
    Skipped,
}
