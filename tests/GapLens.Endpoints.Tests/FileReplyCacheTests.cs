using GapLens.Endpoints;
using GapLens.Testing;
using Microsoft.Extensions.Caching.Distributed;

namespace GapLens.Endpoints.Tests;

public sealed class FileReplyCacheTests : TempDirTest
{
    [Fact]
    public void AStoredEntryIsReadBackAndNothingElseIsLeft()
    {
        var cache = new FileReplyCache(Dir.Path);
        cache.Set("key one", [1, 2, 3], new DistributedCacheEntryOptions());
        Assert.Equal([1, 2, 3], cache.Get("key one"));
        Assert.Null(cache.Get("key two"));
        var file = Assert.Single(Dir.ListFiles());
        Assert.Matches("^[0-9a-f]{2}/[0-9a-f]{64}\\.json$", file.Replace('\\', '/'));
    }

    [Fact]
    public void TheFileNameIsAHashNotTheKey()
    {
        var cache = new FileReplyCache(Dir.Path);
        string path = cache.PathFor("http://alice:hunter2@h/v1 ../../etc/passwd");
        Assert.DoesNotContain("hunter2", path, StringComparison.Ordinal);
        Assert.StartsWith(Dir.Path, path, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEntryCanBeReplacedAndRemoved()
    {
        var cache = new FileReplyCache(Dir.Path);
        cache.Set("k", [1], new DistributedCacheEntryOptions());
        cache.Set("k", [2], new DistributedCacheEntryOptions());
        Assert.Equal([2], cache.Get("k"));
        cache.Remove("k");
        Assert.Null(cache.Get("k"));
    }
}
