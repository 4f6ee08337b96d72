using GapLens.IO.Documents;

namespace GapLens.Video.Metrics;

/// <summary>Scores one result's retrieval against its reference window (see <see cref="ItemRetrieval"/>).</summary>
public static class RetrievalScoring
{
    /// <summary>Default tolerance in seconds around the reference window for a hit.</summary>
    public const double DefaultToleranceSeconds = 5;

    /// <summary>Null when the result has no reference window (or no usable frame rate). Frames are the
    /// distinct frames of the successful tool calls, in the order first shown; frame N is at N / fps seconds.</summary>
    public static ItemRetrieval? Of(VideoQaResultDocument result, double toleranceSeconds = DefaultToleranceSeconds)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.ReferenceStart is not { } start || result.ReferenceEnd is not { } end) return null;
        if (!double.IsFinite(result.Fps) || result.Fps <= 0) return null;
        var seen = new HashSet<long>();
        int frames = 0, inside = 0;
        int? firstRank = null, firstRound = null;
        foreach (var call in result.ToolCalls)
        {
            if (call.Status != "success") continue;
            foreach (var f in call.Frames)
            {
                if (!seen.Add(f.Number)) continue;
                frames++;
                double t = f.Number / result.Fps;
                if (t >= start && t <= end) inside++;
                if (firstRank is null && t >= start - toleranceSeconds && t <= end + toleranceSeconds)
                {
                    firstRank = frames;
                    firstRound = call.Round;
                }
            }
        }
        return new ItemRetrieval(frames, inside, firstRank is not null, firstRank, firstRound);
    }
}
