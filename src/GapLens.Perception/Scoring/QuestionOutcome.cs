namespace GapLens.Perception.Scoring;

/// <summary>
/// One question's outcome, the evidence every aggregate is built from: which question, its task (the
/// same question text across videos), the correct option, the chosen one (null when unanswered in
/// lenient mode) and whether it was right (an unanswered question is not correct).
/// </summary>
public sealed record QuestionOutcome(string VideoId, int QuestionId, string TaskId, int GroundTruth, int? Chosen, bool Correct)
{
    public bool Answered => Chosen.HasValue;
}
