using GapLens.Testing;
using GapLens.Video.Agent;
using SkiaSharp;

namespace GapLens.Video.Tests.Agent;

/// <summary>
/// The run's cache of re-encoded frames: the same bytes as without it, within its byte bound (least
/// recently used out first), a frame file that changes is encoded anew, agents asking for the same frame
/// at once share one encode, and a failure or a cancelled caller is not kept.
/// </summary>
public sealed class FrameImageCacheTests : TempDirTest
{
    private string Jpeg(string name, SKColor color, int seed = 0)
    {
        using var surface = SKSurface.Create(new SKImageInfo(640, 360));
        surface.Canvas.Clear(color);
        var rng = new Random(seed);
        using var paint = new SKPaint { Color = SKColors.White };
        for (int k = 0; k < 20; k++) surface.Canvas.DrawCircle(rng.Next(640), rng.Next(360), rng.Next(4, 40), paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        string path = Dir.Combine(name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public async Task ACachedFrameHasTheBytesOfAnUncachedEncodeAndIsEncodedOnce()
    {
        string path = Jpeg("frame_1.jpg", new SKColor(30, 120, 200));
        var uncached = new FrameImageLoader(448, 90, cacheBytes: 0);
        var cached = new FrameImageLoader(448, 90);
        var expected = await uncached.LoadAsync(path, CancellationToken.None);
        var first = await cached.LoadAsync(path, CancellationToken.None);
        var second = await cached.LoadAsync(Path.GetRelativePath(Environment.CurrentDirectory, path), CancellationToken.None);
        Assert.Equal(expected.Bytes, first.Bytes);
        Assert.Equal(expected.Bytes, second.Bytes);
        Assert.Equal(("image/jpeg", "image/jpeg"), (first.MediaType, second.MediaType));
        Assert.Equal((1L, 1L, 1), (cached.Cache.Misses, cached.Cache.Hits, cached.Cache.Count));
        Assert.Equal(first.Bytes.LongLength, cached.Cache.Bytes);
        Assert.Equal((0L, 0L), (uncached.Cache.Misses + uncached.Cache.Hits, uncached.Cache.Bytes));
    }

    [Fact]
    public async Task TheCacheStaysWithinItsByteBoundDroppingTheLeastRecentlyUsed()
    {
        var paths = Enumerable.Range(0, 8).Select(i => Jpeg($"frame_{i}.jpg", SKColor.FromHsv(i * 40, 70, 80), i)).ToList();
        var sizes = new List<long>();
        foreach (string p in paths) sizes.Add((await new FrameImageLoader(448, 90, 0).LoadAsync(p, CancellationToken.None)).Bytes.LongLength);
        long bound = sizes.Take(3).Sum() + sizes.Min() / 2;
        var loader = new FrameImageLoader(448, 90, bound);
        await loader.LoadAsync(paths[0], CancellationToken.None);
        await loader.LoadAsync(paths[1], CancellationToken.None);
        await loader.LoadAsync(paths[2], CancellationToken.None);
        await loader.LoadAsync(paths[0], CancellationToken.None); // frame 0 used again: frame 1 is now the oldest
        Assert.Equal((3L, 1L, 0L), (loader.Cache.Misses, loader.Cache.Hits, loader.Cache.Evictions));
        await loader.LoadAsync(paths[3], CancellationToken.None);
        Assert.InRange(loader.Cache.Bytes, 1, bound);
        Assert.True(loader.Cache.Evictions >= 1);
        await loader.LoadAsync(paths[0], CancellationToken.None);
        Assert.Equal(2L, loader.Cache.Hits); // frame 0 stayed
        long misses = loader.Cache.Misses;
        await loader.LoadAsync(paths[1], CancellationToken.None);
        Assert.Equal(misses + 1, loader.Cache.Misses); // frame 1 went first
        foreach (string p in paths) await loader.LoadAsync(p, CancellationToken.None);
        Assert.InRange(loader.Cache.Bytes, 1, bound);
        Assert.InRange(loader.Cache.Count, 1, 3);
    }

    [Fact]
    public async Task AnImageLargerThanTheWholeBoundIsSentButNotKept()
    {
        string path = Jpeg("frame_1.jpg", SKColors.Olive);
        var loader = new FrameImageLoader(448, 90, cacheBytes: 100);
        var image = await loader.LoadAsync(path, CancellationToken.None);
        Assert.True(image.Bytes.Length > 100);
        Assert.Equal((0L, 0), (loader.Cache.Bytes, loader.Cache.Count));
        await loader.LoadAsync(path, CancellationToken.None);
        Assert.Equal(2L, loader.Cache.Misses);
    }

    [Fact]
    public async Task AFrameFileThatChangesIsEncodedAnew()
    {
        string path = Jpeg("frame_1.jpg", new SKColor(200, 30, 30));
        var loader = new FrameImageLoader(448);
        var red = await loader.LoadAsync(path, CancellationToken.None);
        var stamp = File.GetLastWriteTimeUtc(path);
        Jpeg("frame_1.jpg", new SKColor(30, 30, 200));
        File.SetLastWriteTimeUtc(path, stamp.AddSeconds(1));
        var blue = await loader.LoadAsync(path, CancellationToken.None);
        Assert.NotEqual(red.Bytes, blue.Bytes);
        using var decoded = SKBitmap.Decode(blue.Bytes);
        Assert.InRange(decoded.GetPixel(2, 2).Blue, 180, 220);
        Assert.Equal(2L, loader.Cache.Misses);

        // Same length, same time: still the same key; a new time alone is a new version.
        File.SetLastWriteTimeUtc(path, stamp.AddSeconds(5));
        await loader.LoadAsync(path, CancellationToken.None);
        Assert.Equal(3L, loader.Cache.Misses);
    }

    [Fact]
    public async Task AgentsAskingForTheSameFrameAtOnceShareOneEncode()
    {
        string path = Dir.File("frame_1.jpg", "x");
        var cache = new FrameImageCache(1 << 20);
        int calls = 0;
        using var release = new ManualResetEventSlim();
        byte[] made = [1, 2, 3];
        (byte[], string) Produce(string _)
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(30));
            return (made, "image/jpeg");
        }
        var waiting = Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.GetAsync(path, "v", Produce, CancellationToken.None))).ToList();
        while (cache.Hits + cache.Misses < 8) await Task.Delay(5);
        release.Set();
        var results = await Task.WhenAll(waiting);
        Assert.Equal(1, calls);
        Assert.All(results, r => Assert.Same(made, r.Bytes));
        Assert.Equal((1L, 7L), (cache.Misses, cache.Hits));
    }

    [Fact]
    public async Task OneCallerGivingUpDoesNotCancelTheEncodeOthersWaitFor()
    {
        string path = Dir.File("frame_1.jpg", "x");
        var cache = new FrameImageCache(1 << 20);
        using var release = new ManualResetEventSlim();
        int calls = 0;
        (byte[], string) Produce(string _)
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(30));
            return ([7, 7], "image/jpeg");
        }
        using var giveUp = new CancellationTokenSource();
        var first = Task.Run(() => cache.GetAsync(path, "v", Produce, giveUp.Token));
        while (cache.Misses == 0) await Task.Delay(5);
        var second = cache.GetAsync(path, "v", Produce, CancellationToken.None);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.Set();
        Assert.Equal([7, 7], (await second).Bytes);
        Assert.Equal([7, 7], (await cache.GetAsync(path, "v", Produce, CancellationToken.None)).Bytes);
        Assert.Equal(1, calls);
        Assert.Equal(2L, cache.Bytes);
    }

    [Fact]
    public async Task AFailedEncodeIsNotKeptAndTheNextCallTriesAgain()
    {
        string path = Dir.File("frame_3.jpg", "not an image");
        var loader = new FrameImageLoader(100);
        var ex = await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => loader.LoadAsync(path, CancellationToken.None));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, loader.Cache.Count);
        Jpeg("frame_3.jpg", SKColors.Teal);
        var image = await loader.LoadAsync(path, CancellationToken.None);
        Assert.Equal("image/jpeg", image.MediaType);
        Assert.Equal(2L, loader.Cache.Misses);
        await Assert.ThrowsAsync<FileNotFoundException>(() => loader.LoadAsync(Dir.Combine("frame_4.jpg"), CancellationToken.None));
    }
}
