namespace GapLens.Judging.Human;

/// <summary>
/// Progress over a group of items (all, one model, one task type): how many items, how many have at
/// least one score, how many are complete (scored by the overlap's number of annotators), how many
/// only have "unsure" answers, and how many are in someone's hands right now.
/// </summary>
public sealed record GroupProgress(string Name, int Items, int Scored, int Complete, int UnsureOnly, int InProgress);
