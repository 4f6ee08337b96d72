namespace GapLens.Video.Metrics;

/// <summary>
/// Accuracy of one group of questions (all, a question type, a video, a duration bucket, a genre):
/// total answered-or-not results, answered (a letter was read), correct; accuracy over answered
/// (LVBench's compute_accuracy and the reference script: unanswered questions are left out),
/// accuracy over total (unanswered count as wrong) and the unanswered rate, each with its Wilson 95% interval.
/// </summary>
public sealed record AccuracyGroup(string Name, long Total, long Answered, long Correct)
{
    public Proportion OverAnswered => Proportion.Of(Correct, Answered);

    public Proportion OverTotal => Proportion.Of(Correct, Total);

    public Proportion Unanswered => Proportion.Of(Total - Answered, Total);
}
