using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>The boxes of the relevant objects at one video frame (see <see cref="FrameMatching"/>).</summary>
internal static class RelevantBoxes
{
    /// <summary>The objects of a video that count: all, or those whose label contains one of the terms.</summary>
    public static ObjectTrack[] Select(PerceptionVideo video, IReadOnlyList<string> labels) =>
        labels.Count == 0
            ? [.. video.Objects]
            : [.. video.Objects.Where(o => labels.Any(l => o.Label.Contains(l, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Half a second of frames at the video's rate (30 fps when the metadata has none).</summary>
    public static int DefaultTolerance(PerceptionVideo video) => (int)Math.Round((video.Metadata.FrameRate is > 0 and var f ? f : 30.0) / 2);

    /// <summary>Adds the box of every object present at <paramref name="frame"/> to <paramref name="into"/>
    /// (and, when given, its label to <paramref name="labels"/>).</summary>
    public static void At(ObjectTrack[] objects, int frame, FrameMatching matching, int tolerance, List<NormalizedBox> into, List<string>? labels = null)
    {
        into.Clear();
        labels?.Clear();
        foreach (var o in objects)
        {
            int before = into.Count;
            Add(o, frame, matching, tolerance, into);
            if (labels is not null && into.Count > before) labels.Add(o.Label);
        }
    }

    private static void Add(ObjectTrack o, int frame, FrameMatching matching, int tolerance, List<NormalizedBox> into)
    {
        var ids = o.FrameIds.AsSpan();
        if (ids.IsEmpty) return;
        int i = ids.BinarySearch(frame);
        if (i >= 0)
        {
            into.Add(o.Boxes[i]);
            return;
        }
        if (matching == FrameMatching.Exact) return;
        int after = ~i, before = after - 1;
        if (matching == FrameMatching.Interpolate && before >= 0 && after < ids.Length && ids[after] - ids[before] <= 2 * tolerance)
        {
            double t = (double)(frame - ids[before]) / (ids[after] - ids[before]);
            var a = o.Boxes[before];
            var b = o.Boxes[after];
            into.Add(new NormalizedBox(a.X1 + t * (b.X1 - a.X1), a.Y1 + t * (b.Y1 - a.Y1), a.X2 + t * (b.X2 - a.X2), a.Y2 + t * (b.Y2 - a.Y2)));
            return;
        }
        int dBefore = before >= 0 ? frame - ids[before] : int.MaxValue;
        int dAfter = after < ids.Length ? ids[after] - frame : int.MaxValue;
        int nearest = dBefore <= dAfter ? before : after; // equidistant: the earlier annotation
        if (Math.Min(dBefore, dAfter) <= tolerance) into.Add(o.Boxes[nearest]);
    }
}
