using System.Collections.Immutable;

namespace GapLens.Video.Preprocessing;

/// <summary>Every video's outcome, in key order.</summary>
public sealed record PrepareSummary(ImmutableArray<VideoPrepareOutcome> Videos)
{
    public int Written => Videos.Count(v => v.Status == PrepareStatus.Written);

    public int Skipped => Videos.Count(v => v.Status == PrepareStatus.Skipped);

    public int Failed => Videos.Count(v => v.Status == PrepareStatus.Failed);
}
