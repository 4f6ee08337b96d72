namespace GapLens.Jobs.Demo;

/// <summary>
/// Serves an <see cref="IScriptedEndpoint"/> over real HTTP on 127.0.0.1 (a free port) as an
/// OpenAI-compatible API under /v1. Implemented by GapLens.Web (Kestrel), which depends on the jobs,
/// not the other way round, and handed to <see cref="DemoJob"/>.
/// </summary>
public interface IScriptedEndpointHost
{
    Task<IScriptedEndpointServer> StartAsync(IScriptedEndpoint endpoint, CancellationToken ct);
}
