using System.Net;
using GapLens.Core;
using GapLens.IO.Logging;
using GapLens.Jobs.Serve;
using GapLens.Judging.Human;
using GapLens.Web.Api;
using GapLens.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GapLens.Web;

/// <summary>
/// The human scoring web app on Kestrel, inside the gaplens process: the access gate and security
/// headers around every request, the pages and their API, media by item id. User errors become 400
/// with their one-line message; nothing else of the framework's is exposed (no server header, no
/// developer pages). One host starts one server.
/// </summary>
public sealed class ScoringWebHost : IScoringHost
{
    private (ServeEndpoint Endpoint, int Port, Task<WebApplication> App)? _prepared;

    /// <summary>Bootstrap resamples of the agreement intervals on the Progress page.</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Builds the web host (configuration, services, Kestrel's options) on the thread pool,
    /// while the scoring service opens; nothing is bound until <see cref="StartAsync"/>.</summary>
    public void Prepare(ServeEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        int port = endpoint.Port ?? ServeOptions.DefaultPort;
        _prepared = (endpoint, port, Task.Run(() => Build(endpoint, port)));
    }

    public async Task<IScoringServer> StartAsync(HumanScoring scoring, ServeEndpoint endpoint, RunLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(log);
        int port = endpoint.Port ?? ServeOptions.DefaultPort;
        try
        {
            return await StartOnAsync(scoring, endpoint, port, log, ct).ConfigureAwait(false);
        }
        catch (IOException ex) when (IsAddressInUse(ex) && endpoint.Port is null)
        {
            log.Info($"Port {port} is taken; using a free port instead");
            return await StartOnAsync(scoring, endpoint, 0, log, ct).ConfigureAwait(false);
        }
        catch (IOException ex) when (IsAddressInUse(ex))
        {
            throw new UserInputException($"--port {port} is in use on {endpoint.Host}; choose another (or --port 0 for any free port)");
        }
    }

    private static bool IsAddressInUse(Exception ex) => ex is AddressInUseException || ex.InnerException is AddressInUseException
        || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);

    private static WebApplication Build(ServeEndpoint endpoint, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "gaplens", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            var ip = endpoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(endpoint.Host);
            k.Listen(ip, port);
        });
        return builder.Build();
    }

    private async Task<IScoringServer> StartOnAsync(HumanScoring scoring, ServeEndpoint endpoint, int port, RunLog log, CancellationToken ct)
    {
        WebApplication app;
        if (_prepared is { } p && p.Endpoint == endpoint && p.Port == port)
        {
            _prepared = null;
            app = await p.App.WaitAsync(ct).ConfigureAwait(false);
        }
        else
        {
            app = Build(endpoint, port);
        }
        try
        {
            return await StartAppAsync(app, scoring, endpoint, log, ct).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<IScoringServer> StartAppAsync(WebApplication app, HumanScoring scoring, ServeEndpoint endpoint, RunLog log, CancellationToken ct)
    {
        var keys = new SessionKeys(scoring.Secret, endpoint.Token, endpoint.ReviewToken);
        var gate = new AccessGate(keys);
        app.Use(SecurityHeaders.ApplyAsync);
        app.Use(async (ctx, next) =>
        {
            try
            {
                await next(ctx).ConfigureAwait(false);
            }
            catch (UserInputException ex)
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The browser went away.
            }
        });
        app.Use(gate.InvokeAsync);
        PageApi.Map(app);
        AnnotateApi.Map(app, scoring, keys);
        ReviewApi.Map(app, scoring);
        ProgressApi.Map(app, scoring, Resamples);
        MediaApi.Map(app, scoring, scoring.OutputsRoot, Path.Combine(scoring.EvaluationsRoot, "_frames"));
        // Every path, those that look like file names (/favicon.ico, /index.html) included: the default
        // fallback pattern skips them, which left an empty 404.
        app.MapFallback("{**path}", ctx => Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "not found"));
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        log.Debug($"Kestrel listening on {bound}");
        return new ScoringServer(app, new UriBuilder(Uri.UriSchemeHttp, endpoint.Host, bound.Port, "/").Uri);
    }
}
