using System.Runtime.CompilerServices;

namespace GapLens.Endpoints;

/// <summary>Counts the HTTP attempts of one call: the outer handler attaches a counter to the request,
/// the inner one (below the retries) increments it once per attempt.</summary>
internal static class AttemptCounter
{
    private static readonly HttpRequestOptionsKey<StrongBox<int>> Key = new("gaplens.attempts");

    public static StrongBox<int> Attach(HttpRequestMessage request)
    {
        var box = new StrongBox<int>(0);
        request.Options.Set(Key, box);
        return box;
    }

    public static void Increment(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Key, out var box)) Interlocked.Increment(ref box.Value);
    }

    public static int Read(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var box) ? Volatile.Read(ref box.Value) : 0;
}
