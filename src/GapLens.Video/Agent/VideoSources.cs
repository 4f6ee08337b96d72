namespace GapLens.Video.Agent;

/// <summary>
/// The videos of the questions in flight, opened once and shared: a video's frame list and
/// memory-mapped embeddings stay open while any of its questions runs and are closed when the last
/// one ends. Thread-safe.
/// </summary>
internal sealed class VideoSources(string framesRoot, string embeddingsRoot, double? fps) : IDisposable
{
    private readonly Dictionary<string, (VideoSource Source, int Users)> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The video of a key, opened when no question of it is running (user errors name a missing or unreadable file).</summary>
    public Lease Acquire(string key)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(key, out var entry))
            {
                _open[key] = (entry.Source, entry.Users + 1);
                return new Lease(this, entry.Source);
            }
            var source = VideoSource.Open(framesRoot, embeddingsRoot, key, fps);
            _open[key] = (source, 1);
            return new Lease(this, source);
        }
    }

    private void Release(VideoSource source)
    {
        lock (_gate)
        {
            var (s, users) = _open[source.Key];
            if (users > 1)
            {
                _open[source.Key] = (s, users - 1);
                return;
            }
            _open.Remove(source.Key);
        }
        source.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var (source, _) in _open.Values) source.Dispose();
            _open.Clear();
        }
    }

    public sealed class Lease(VideoSources owner, VideoSource source) : IDisposable
    {
        private int _released;

        public VideoSource Source { get; } = source;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release(Source);
        }
    }
}
