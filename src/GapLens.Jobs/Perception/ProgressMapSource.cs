using GapLens.Perception.Attention;

namespace GapLens.Jobs.Perception;

/// <summary>Reports one step of progress per map loaded (the analysis loads each question's maps once, from several threads).</summary>
internal sealed class ProgressMapSource(IAttentionMapSource inner, IJobProgress? progress) : IAttentionMapSource
{
    private long _loaded;

    public IReadOnlyList<AttentionMapKey> Keys => inner.Keys;

    public AttentionMap Load(AttentionMapKey key)
    {
        var map = inner.Load(key);
        long done = Interlocked.Increment(ref _loaded);
        progress?.Report(Math.Min(done, Keys.Count), Keys.Count);
        return map;
    }
}
