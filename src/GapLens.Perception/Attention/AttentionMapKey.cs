namespace GapLens.Perception.Attention;

/// <summary>Which question a map belongs to: the video and the question's index in its mc_question list.</summary>
public readonly record struct AttentionMapKey(string VideoId, int QuestionId);
