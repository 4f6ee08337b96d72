using System.Collections.Immutable;

namespace GapLens.Perception.Answers;

/// <summary>The answers of one file, in file order (videos, then each video's list).</summary>
public sealed record AnswerSet(string Path, ImmutableArray<McAnswer> Answers);
