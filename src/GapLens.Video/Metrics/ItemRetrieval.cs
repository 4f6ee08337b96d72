namespace GapLens.Video.Metrics;

/// <summary>
/// Retrieval of one question against its reference window: the distinct frames it was shown (in the
/// order first shown), how many of them lie inside the window, whether any lies inside the window
/// widened by the tolerance (a hit), and the 1-based rank and round of the first such frame.
/// </summary>
public sealed record ItemRetrieval(int Frames, int Inside, bool Hit, int? FirstHitRank, int? FirstHitRound)
{
    /// <summary>Share of the frames inside the window (null when no frame was retrieved).</summary>
    public double? InsideShare => Frames == 0 ? null : Inside / (double)Frames;
}
