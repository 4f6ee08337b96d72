using GapLens.Jobs.Serve;
using Microsoft.AspNetCore.Builder;

namespace GapLens.Web;

/// <summary>The running web app; disposing it stops Kestrel (requests in flight get a few seconds to finish).</summary>
internal sealed class ScoringServer(WebApplication app, Uri address) : IScoringServer
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public Uri Address { get; } = address;

    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(Grace))
        {
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
