using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace GapLens.Endpoints;

/// <summary>
/// Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> (key = a hash of the messages,
/// images included, the options and the additional key values) with two changes: a reply is stored
/// only when <c>shouldCache</c> accepts it (a judge caches only replies it could parse, so a failed item
/// is asked again on the next run), and an unreadable entry is a miss, not a crash. Failed calls throw
/// before anything is stored.
/// </summary>
internal sealed class ReplyCachingChatClient(IChatClient inner, IDistributedCache storage, Func<ChatResponse, bool>? shouldCache)
    : DistributedCachingChatClient(inner, storage)
{
    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await base.ReadCacheAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    protected override Task WriteCacheAsync(string key, ChatResponse value, CancellationToken cancellationToken) =>
        shouldCache is null || shouldCache(value) ? base.WriteCacheAsync(key, value, cancellationToken) : Task.CompletedTask;
}
