namespace GapLens.Judging.Folders;

/// <summary>
/// One annotator's latest answer on an item, as a human-eval.json written by GapLens lists it
/// ("annotations"): a 1-5 score, or null when the annotator marked the item unsure.
/// <see cref="Source"/> says where it came from (annotate, review, import).
/// </summary>
public sealed record HumanAnnotation(string Annotator, int? Score, string Comments, DateTimeOffset Timestamp, string Source = "annotate")
{
    public bool Unsure => Score is null;
}
