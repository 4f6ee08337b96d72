namespace GapLens.IO.Documents.Serve;

/// <summary>
/// One item as the Annotate page shows it. <see cref="Model"/> is null while annotating blind (the
/// model name is sent only when the annotator reveals it); judge scores and other annotators' answers
/// are never part of it.
/// </summary>
public sealed record ItemDocument(
    string Id,
    string Experiment,
    string TaskType,
    string TaskId,
    string Domain,
    string? Model,
    string Prompt,
    string? Goal,
    MediaDocument Media,
    AnswerDocument? Yours);
