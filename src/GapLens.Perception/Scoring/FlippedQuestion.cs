namespace GapLens.Perception.Scoring;

/// <summary>A question answered correctly by one of the two answer files and wrongly by the other.</summary>
public sealed record FlippedQuestion(string VideoId, int QuestionId, string TaskId, int GroundTruth, int ChosenA, int ChosenB, FlipDirection Direction);
