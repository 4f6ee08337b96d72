namespace GapLens.Core.VideoQa;

/// <summary>
/// Something wrong with one item of a video-QA data file, found before a run starts: the item is
/// left out (<see cref="Skips"/>: a duplicate uid, an answer that is not one of the options, no
/// frames for its video...) or only partly usable (a reference window that cannot be read: the item
/// runs, its retrieval is not scored). A strict run stops on any skipping problem.
/// </summary>
/// <param name="Uid">The item's uid ("" when it has none).</param>
/// <param name="Key">The item's video key ("" when it has none).</param>
/// <param name="Source">Where it was read ("data.json item 12").</param>
/// <param name="Message">One line: what is wrong, the value seen and what is allowed.</param>
/// <param name="Skips">True when the item cannot run.</param>
public sealed record QaItemProblem(string Uid, string Key, string Source, string Message, bool Skips)
{
    public override string ToString() => $"{Source} (uid {Uid}, video {Key}): {Message}";
}
