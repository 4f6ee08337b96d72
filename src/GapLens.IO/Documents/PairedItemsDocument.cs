using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>What paired and what did not, never dropped silently.</summary>
public sealed record PairedItemsDocument(int Paired, int JudgeOnly, int HumanOnly, int JudgeSkipped, int JudgeFailed, int HumanSkipped, int HumanFailed, ImmutableArray<FileProblemDocument> UnreadableFiles);
