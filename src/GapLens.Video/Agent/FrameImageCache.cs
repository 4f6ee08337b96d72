using System.Collections.Concurrent;

namespace GapLens.Video.Agent;

/// <summary>
/// The re-encoded frames of one run, bounded by their total size: questions on the same video ask for
/// the same frames again (a similarity search returns the same neighbours, a by-id call asks around a
/// hit), and re-encoding one costs a JPEG decode, a resize and an encode. Entries are keyed by the
/// file's full path, length and last write time plus the output size and quality, so a frame file that
/// changes is read and encoded anew. When the total passes <see cref="MaxBytes"/> the least recently
/// used entries go. Thread-safe: a hit takes no lock (a dictionary read and one atomic counter); only
/// a miss that pushes the total over the bound takes the eviction lock. Single flight: agents asking for
/// the same frame at the same time share one encode. A failed encode is not kept (the next call tries
/// again), and the shared encode is never cancelled by one caller giving up.
/// </summary>
public sealed class FrameImageCache(long maxBytes)
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly Lock _evicting = new();
    private long _clock, _bytes, _hits, _misses, _evictions;

    /// <summary>The bound on the cached images' total size in bytes; 0 caches nothing.</summary>
    public long MaxBytes { get; } = maxBytes >= 0 ? maxBytes : throw new ArgumentOutOfRangeException(nameof(maxBytes));

    /// <summary>The cached images' total size now.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Images cached now (encodes in flight not counted).</summary>
    public int Count => _entries.Values.Count(e => e.Size >= 0);

    /// <summary>Requests answered from the cache or from an encode already in flight.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Requests that had to read and encode the file.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Images dropped to stay within <see cref="MaxBytes"/>.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>
    /// The image for <paramref name="path"/> as <paramref name="produce"/> makes it (given the path),
    /// produced at most once per version of the file while it stays cached. <paramref name="variant"/>
    /// names what else shapes the output (size, quality). A file that cannot be found or read fails as
    /// <paramref name="produce"/> would.
    /// </summary>
    public async Task<(byte[] Bytes, string MediaType)> GetAsync(string path, string variant, Func<string, (byte[] Bytes, string MediaType)> produce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(produce);
        string full = Path.GetFullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists || MaxBytes == 0) return produce(path);
        var key = new Key(full, info.Length, info.LastWriteTimeUtc.Ticks, variant);
        if (_entries.TryGetValue(key, out var found))
        {
            Interlocked.Increment(ref _hits);
            return await found.UseAsync(Interlocked.Increment(ref _clock), ct).ConfigureAwait(false);
        }
        var fresh = new Entry();
        var entry = _entries.GetOrAdd(key, fresh);
        if (!ReferenceEquals(entry, fresh))
        {
            Interlocked.Increment(ref _hits);
            return await entry.UseAsync(Interlocked.Increment(ref _clock), ct).ConfigureAwait(false);
        }
        Interlocked.Increment(ref _misses);
        fresh.Touch(Interlocked.Increment(ref _clock));
        // The work runs on a pool thread so the caller's cancellation leaves it for the others waiting.
        var work = Task.Run(() => produce(path), CancellationToken.None);
        (byte[] Bytes, string MediaType) image;
        try
        {
            image = await work.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _ = work.ContinueWith(t => Settle(key, fresh, t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        catch (Exception ex)
        {
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, fresh));
            fresh.Fail(ex);
            throw;
        }
        Settle(key, fresh, image);
        return image;
    }

    private void Settle(Key key, Entry entry, Task<(byte[] Bytes, string MediaType)> work)
    {
        if (work.IsCompletedSuccessfully) Settle(key, entry, work.Result);
        else
        {
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            entry.Fail(work.Exception?.InnerException ?? new OperationCanceledException());
        }
    }

    private void Settle(Key key, Entry entry, (byte[] Bytes, string MediaType) image)
    {
        long size = image.Bytes.LongLength;
        if (size > MaxBytes)
        {
            _entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry));
            entry.Complete(image, size);
            return;
        }
        entry.Complete(image, size);
        if (Interlocked.Add(ref _bytes, size) > MaxBytes) Evict();
    }

    /// <summary>
    /// Drops the least recently used finished entries until the total is within seven eighths of the
    /// bound. Freeing an eighth at once pays for the sort over every entry: evicting down to the bound
    /// itself sorted the whole cache on every miss once it was full (3 of the 6 ms of client CPU per
    /// round at 1,549 questions).
    /// </summary>
    private void Evict()
    {
        lock (_evicting)
        {
            if (Interlocked.Read(ref _bytes) <= MaxBytes) return;
            long target = MaxBytes - MaxBytes / 8;
            var oldest = _entries.Where(p => p.Value.Size >= 0).OrderBy(p => p.Value.LastUsed).ToList();
            foreach (var (key, entry) in oldest)
            {
                if (Interlocked.Read(ref _bytes) <= target) break;
                if (_entries.TryRemove(new KeyValuePair<Key, Entry>(key, entry)))
                {
                    Interlocked.Add(ref _bytes, -entry.Size);
                    Interlocked.Increment(ref _evictions);
                }
            }
        }
    }

    private readonly record struct Key(string Path, long Length, long LastWriteTicks, string Variant);

    /// <summary>One image, finished or being made.</summary>
    private sealed class Entry
    {
        private readonly TaskCompletionSource<(byte[] Bytes, string MediaType)> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _lastUsed, _size = -1;

        /// <summary>Bytes once finished; -1 while in flight.</summary>
        public long Size => Interlocked.Read(ref _size);

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long now) => Interlocked.Exchange(ref _lastUsed, now);

        public Task<(byte[] Bytes, string MediaType)> UseAsync(long now, CancellationToken ct)
        {
            Touch(now);
            return _done.Task.IsCompleted ? _done.Task : _done.Task.WaitAsync(ct);
        }

        public void Complete((byte[] Bytes, string MediaType) image, long size)
        {
            Interlocked.Exchange(ref _size, size);
            _done.TrySetResult(image);
        }

        public void Fail(Exception ex) => _done.TrySetException(ex);
    }
}
