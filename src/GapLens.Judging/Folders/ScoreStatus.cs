namespace GapLens.Judging.Folders;

/// <summary>Outcome of scoring one item.</summary>
public enum ScoreStatus
{
    /// <summary>A score in 1-5.</summary>
    Completed,

    /// <summary>Not scorable (e.g. no ground-truth frame); not a score and not a failure.</summary>
    Skipped,

    /// <summary>The judge failed (no JSON, score out of range, the video unreadable...): the raw reply is kept.</summary>
    Failed,
}
