using System.Security.Cryptography;
using System.Text;
using GapLens.IO.Files;
using Microsoft.Extensions.Caching.Distributed;

namespace GapLens.Endpoints;

/// <summary>
/// A folder as an <see cref="IDistributedCache"/> for <see cref="Microsoft.Extensions.AI.DistributedCachingChatClient"/>:
/// one file per key, <c>&lt;dir&gt;/&lt;2 hex&gt;/&lt;sha256 of the key&gt;.json</c> (the file name is a hash,
/// so nothing of the request, let alone a credential, appears in it), written atomically (temporary
/// file, then rename): a killed run never leaves a half entry. Entries do not expire; Refresh does
/// nothing. Thread-safe (concurrent writers of one key each rename a complete file).
/// </summary>
public sealed class FileReplyCache(string directory) : IDistributedCache
{
    public string Directory { get; } = directory;

    public byte[]? Get(string key)
    {
        string path = PathFor(key);
        try
        {
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        AtomicFile.Write(PathFor(key), value);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Set(key, value, options);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
        // Entries do not expire.
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(PathFor(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    /// <summary>Where the entry of a key lives.</summary>
    public string PathFor(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return Path.Combine(Directory, hash[..2], hash + ".json");
    }
}
