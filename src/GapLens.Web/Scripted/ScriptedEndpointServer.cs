using GapLens.Jobs.Demo;
using Microsoft.AspNetCore.Builder;

namespace GapLens.Web.Scripted;

/// <summary>A running scripted endpoint; disposing it stops Kestrel.</summary>
internal sealed class ScriptedEndpointServer(WebApplication app, string baseUrl) : IScriptedEndpointServer
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public string BaseUrl { get; } = baseUrl;

    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(Grace))
        {
            await app.StopAsync(cts.Token).ConfigureAwait(false);
        }
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
