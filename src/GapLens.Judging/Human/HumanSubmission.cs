namespace GapLens.Judging.Human;

/// <summary>
/// One appended record of the human score log: who said what about which item, when, how long they
/// looked, whether the model name was hidden, from which browser session. <see cref="Score"/> is null
/// when the annotator marked the item unsure. Never changed once written: current values are derived
/// from the log (an annotator's latest submission on an item wins). A submission not yet stored has
/// <see cref="Id"/> 0; <see cref="RequestId"/> (chosen by the client, unique per attempt) makes a
/// retried request land once.
/// </summary>
public sealed record HumanSubmission(
    long Id,
    ItemKey Item,
    string Annotator,
    int? Score,
    string Comments,
    DateTimeOffset SubmittedUtc,
    long? TimeSpentMs,
    bool? Blind,
    string Session,
    SubmissionSource Source,
    string? RequestId = null)
{
    public bool Unsure => Score is null;
}
