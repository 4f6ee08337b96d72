namespace GapLens.Slices;

/// <summary>A value of the outcome column, how many samples had it and what it counts as:
/// "success", a failure kind (wrong, unanswered, parse_failed, judge_failed, or the value itself) or
/// "excluded" (skipped, no outcome).</summary>
public sealed record OutcomeValue(string Value, long Rows, string Meaning);
