namespace GapLens.Perception.Scoring;

/// <summary>How an answers file that does not answer every question is treated.</summary>
public enum ScoringMode
{
    /// <summary>The starter kit's rule: every question must be answered ("Missing answers in results.").</summary>
    Official,

    /// <summary>Missing answers are unanswered questions: accuracy is over the answered ones, and the
    /// unanswered are counted and reported separately (and once more counted as wrong).</summary>
    Lenient,
}
