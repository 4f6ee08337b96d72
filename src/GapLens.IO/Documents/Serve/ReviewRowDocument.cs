namespace GapLens.IO.Documents.Serve;

/// <summary>One line of the Review list: the item, its disagreement (score points) and why, the
/// humans' answers and the judges' scores, as text.</summary>
public sealed record ReviewRowDocument(string Id, string Model, string TaskType, string TaskId, int Disagreement, string Why, string Humans, string Judges);
