namespace GapLens.IO.Documents.Serve;

/// <summary>Asks for the next item of an annotator's session; <see cref="Release"/> hands back the
/// current one unanswered (Next without submitting).</summary>
public sealed record NextRequestDocument(string? Annotator, string? Release);
