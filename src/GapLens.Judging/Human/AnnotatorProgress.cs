namespace GapLens.Judging.Human;

/// <summary>
/// One annotator's work, from the log: submissions, distinct items answered, of which scored and
/// unsure (latest answers), review submissions, re-submissions (answers that replaced an earlier one
/// of theirs), and the median time spent per submission (seconds; null when never measured).
/// </summary>
public sealed record AnnotatorProgress(string Annotator, int Submissions, int Items, int Scores, int Unsure, int Reviews, int Resubmissions, double? MedianSeconds);
