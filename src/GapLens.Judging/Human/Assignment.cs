namespace GapLens.Judging.Human;

/// <summary>
/// An item handed to an annotator's browser session (<see cref="Released"/> false), or handed back
/// without a submission (the annotator pressed Next: true). Logged so that an annotator is not shown
/// an item twice, across restarts too.
/// </summary>
public sealed record Assignment(ItemKey Item, string Annotator, string Session, DateTimeOffset AtUtc, bool Released);
