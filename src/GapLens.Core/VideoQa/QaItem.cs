using System.Collections.Immutable;

namespace GapLens.Core.VideoQa;

/// <summary>
/// One multiple-choice question about one video (spec 03): the video's key, the question's uid, its
/// text (which carries the options "(A) ...\n(B) ..."), the gold letter, the option letters read from
/// the text, its question types (multi-label; LVBench's are "key information retrieval", ...), the
/// video's length in seconds and genre when the data gives them, and the reference window
/// (<c>time_reference</c>) as written and as parsed.
/// </summary>
/// <param name="Key">The video key: frames are under &lt;frames&gt;/&lt;key&gt;/, embeddings &lt;key&gt;.*.</param>
/// <param name="Uid">The question's id, unique in the data file (LVBench's uid, as text).</param>
/// <param name="Question">The question text with its options.</param>
/// <param name="Answer">The gold option letter, uppercase.</param>
/// <param name="Options">The option letters found in the question text, in order.</param>
/// <param name="QuestionTypes">The question's types (a question counts once for each).</param>
/// <param name="DurationSeconds">video_info.duration_minutes x 60; null when the data has none.</param>
/// <param name="TimeReference">time_reference as written; null when absent.</param>
/// <param name="Window">The parsed reference window; null when absent or unreadable.</param>
/// <param name="Genre">The video's type/genre (LVBench's "type"); null when absent.</param>
/// <param name="Source">Where the item was read, for messages ("data.json item 12", "meta.jsonl:3 qa 2").</param>
public sealed record QaItem(
    string Key,
    string Uid,
    string Question,
    string Answer,
    ImmutableArray<char> Options,
    ImmutableArray<string> QuestionTypes,
    double? DurationSeconds,
    string? TimeReference,
    TimeWindow? Window,
    string? Genre,
    string Source);
