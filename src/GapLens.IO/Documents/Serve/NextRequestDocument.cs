namespace GapLens.IO.Documents.Serve;

/// <summary>Asks for the next item of an annotator's session; <see cref="Release"/> hands back the
/// current one unanswered (Next without submitting). <see cref="Tab"/> names the browser tab (the
/// page makes one per tab), so that two tabs of one browser are two sessions with items of their own.</summary>
public sealed record NextRequestDocument(string? Annotator, string? Release, string? Tab = null);
