using System.Collections.Immutable;
using GapLens.Core.VideoQa;

namespace GapLens.IO.VideoQa;

/// <summary>The questions of a video-QA data file, in file order, and the problems found in them
/// (the items a problem skips are not in <see cref="Items"/>).</summary>
public sealed record VideoQaData(ImmutableArray<QaItem> Items, ImmutableArray<QaItemProblem> Problems, string Format);
