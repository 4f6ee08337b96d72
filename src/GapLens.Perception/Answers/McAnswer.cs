namespace GapLens.Perception.Answers;

/// <summary>One answer of an answers file: the question (video and its index there), the chosen
/// option and that option's text, which must match the annotation (the starter kit checks it).</summary>
public sealed record McAnswer(string VideoId, int QuestionId, int AnswerId, string Answer);
