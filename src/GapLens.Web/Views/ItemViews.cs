using System.Globalization;
using GapLens.IO.Documents.Serve;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;

namespace GapLens.Web.Views;

/// <summary>Items and answers as the pages show them. Media are addressed by item id and kind only.</summary>
internal static class ItemViews
{
    public static ItemDocument Item(HumanItem item, VmItem v, bool revealModel, HumanSubmission? yours)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(v);
        string Url(string kind) => $"/media/{item.Id}/{kind}";
        return new ItemDocument(item.Id, item.Key.Experiment, item.Key.TaskType, item.Key.TaskId, v.Domain, revealModel ? item.Key.Model : null,
            v.Prompt, v.Goal,
            new MediaDocument(v.FirstFrame is null ? null : Url("first"), v.FinalFrame is null ? null : Url("final"),
                v.Video is null ? null : Url("last"), v.Video is null ? null : Url("video")),
            yours is null ? null : new AnswerDocument(yours.Score, yours.Unsure, yours.Comments, Time(yours.SubmittedUtc)));
    }

    /// <summary>A time as the pages write it: UTC, to the second, ISO 8601.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Answer(int? score) => score is { } s ? s.ToString(CultureInfo.InvariantCulture) : "unsure";

    public static SubmissionDocument Submission(HumanSubmission s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SubmissionDocument(s.Id, s.Annotator, Answer(s.Score), s.Comments, Time(s.SubmittedUtc), HumanScoreStore.SourceName(s.Source),
            s.TimeSpentMs is { } ms ? GapLens.Core.Reports.NumberFormat.Fixed(1).Format(ms / 1000.0) + " s" : null,
            s.Blind switch { true => "blind", false => "model shown", null => "unknown" });
    }
}
