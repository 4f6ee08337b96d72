using System.Collections.Immutable;

namespace GapLens.Judging.Human;

/// <summary>Counts derived from the log at one moment (every count follows from the latest answers, so
/// going back and re-submitting never counts twice).</summary>
public sealed record ScoringProgress(
    int Overlap,
    int Submissions,
    int OrphanSubmissions,
    GroupProgress Overall,
    ImmutableArray<GroupProgress> ByModel,
    ImmutableArray<GroupProgress> ByTaskType,
    ImmutableArray<GroupProgress> ByModelAndTaskType,
    ImmutableArray<AnnotatorProgress> Annotators);
