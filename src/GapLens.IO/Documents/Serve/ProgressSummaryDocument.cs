using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>
/// The Annotate page's progress: items complete overall and per task type (per model only when the
/// model names are revealed), and the annotator's own answers. Counts follow from the latest answers,
/// so going back and re-submitting never counts twice.
/// </summary>
public sealed record ProgressSummaryDocument(
    ProgressRowDocument Overall,
    ImmutableArray<ProgressRowDocument> ByTaskType,
    ImmutableArray<ProgressRowDocument>? ByModel,
    string Mine,
    int MineItems,
    int MineScores,
    int MineUnsure,
    int CompleteItems,
    int TotalItems);
