namespace GapLens.Video.Agent;

/// <summary>A run's progress after each question: done (results, including earlier runs') of total,
/// failed this run, and answered and correct so far (for the accuracy shown beside the bar).</summary>
public sealed record VideoQaProgress(int Done, int Total, int Failed, int Answered, int Correct)
{
    /// <summary>Correct over answered so far; null before the first answer.</summary>
    public double? Accuracy => Answered == 0 ? null : Correct / (double)Answered;
}
