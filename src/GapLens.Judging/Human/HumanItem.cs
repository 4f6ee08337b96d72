using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>An item to score: its position in the served list, its opaque id, its key and its task
/// folder (what is inside is read when the item is first needed: <see cref="HumanScoring.Details"/>).</summary>
public sealed record HumanItem(int Index, string Id, ItemKey Key, VmTask Task);
