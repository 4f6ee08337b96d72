using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>An item to score: its position in the served list, its opaque id, its key and its files.</summary>
public sealed record HumanItem(int Index, string Id, ItemKey Key, VmItem Source);
