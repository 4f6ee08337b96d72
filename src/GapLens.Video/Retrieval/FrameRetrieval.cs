using System.Collections.Immutable;

namespace GapLens.Video.Retrieval;

/// <summary>
/// The frames most similar to one query, best first. Frames whose image file is missing stay in
/// <see cref="Frames"/> (with no path) and are also listed in <see cref="MissingImages"/>, so a caller
/// sees and reports them instead of losing them.
/// </summary>
public sealed record FrameRetrieval(ImmutableArray<RetrievedFrame> Frames, ImmutableArray<string> MissingImages, int UndefinedRows);
