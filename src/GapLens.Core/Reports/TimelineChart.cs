using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>
/// Events placed on a time line of known length, one lane per row (e.g. the frames an agent retrieved,
/// one lane per round, over the whole video): shaded windows (e.g. the reference window and its
/// tolerance) and marks, each in a named series with its colour. X runs from 0 to <see cref="Length"/>.
/// </summary>
public sealed record TimelineChart(
    string Id,
    string Title,
    string? Legend,
    double Length,
    Axis X,
    ImmutableArray<string> Lanes,
    ImmutableArray<TimelineWindow> Windows,
    ImmutableArray<TimelineMark> Marks) : Figure(Id, Title, Legend);
