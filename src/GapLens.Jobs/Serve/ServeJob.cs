using System.Globalization;
using System.Security.Cryptography;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Judging.Human;

namespace GapLens.Jobs.Serve;

/// <summary>
/// <c>gaplens serve</c>: the human scoring web app over a VMEvalKit outputs folder, a long-running
/// job. Opens the human score log (importing existing human-eval.json files), starts the web app,
/// prints where to open it (with the access token, once, when one is needed), records the run in
/// <c>&lt;evaluations&gt;/human-eval/_runs/</c> when it starts and again when it stops, and serves until
/// cancelled (Ctrl+C, SIGTERM): then it stops taking requests, lets the ones in flight finish, writes
/// what is queued and ends normally.
/// </summary>
/// <param name="host">The web app (GapLens.Web).</param>
/// <param name="announce">Where the address is printed (standard output); never the log, because the
/// address may carry the access token.</param>
public sealed class ServeJob(IScoringHost host, TextWriter announce) : IJob<ServeOptions>
{
    public string Name => "serve";

    public bool RunsUntilStopped => true;

    public async Task<JobOutcome> RunAsync(ServeOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string outputsRoot = ctx.Absolute(options.Outputs);
        string evalRoot = ctx.Absolute(options.Evaluations);
        ctx.Record.Seed = options.Seed;
        string? token = options.Token ?? (options.IsLoopback ? null : NewToken());
        string? reviewToken = token is null ? null : options.ReviewToken ?? NewToken();
        var scoringOptions = new HumanScoringOptions(outputsRoot, evalRoot, options.Overlap, TimeSpan.FromMinutes(options.LeaseMinutes), options.Seed);
        string runFile = Path.Combine(evalRoot, HumanConsensus.EvaluatorDir, "_runs",
            ctx.Record.StartedUtc.ToString("yyyy-MM-dd_HHmmss_fff", CultureInfo.InvariantCulture) + ".json");
        int items, submissions;
        var endpoint = new ServeEndpoint(options.Host, options.Port, token, reviewToken);
        host.Prepare(endpoint);
        var scoring = HumanScoring.Open(scoringOptions, ctx.Log, TimeProvider.System, ct);
        await using (scoring.ConfigureAwait(false))
        {
            items = scoring.Items.Length;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var server = await host.StartAsync(scoring, endpoint, ctx.Log, ct).ConfigureAwait(false);
            ctx.Log.Debug(string.Create(CultureInfo.InvariantCulture, $"Web app started in {clock.ElapsedMilliseconds} ms"));
            await using (server.ConfigureAwait(false))
            {
                // The address first (the server answers already), then the record of the start.
                Announce(options, scoring, server.Address, token, reviewToken, evalRoot);
                AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest([], [], null)));
                // Fingerprinting the outputs folder lists every file: it runs once the server is up.
                ctx.Record.AddInput(outputsRoot, "outputs");
                ctx.Log.Info($"Serving {items} items on {Shown(options, server.Address, token is null ? null : "***")} (store {scoring.StorePath})");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    ctx.Log.Info("Stopping: finishing the requests in flight and the queued writes");
                }
            }
            submissions = scoring.SessionSubmissions;
        }
        string headline = string.Create(CultureInfo.InvariantCulture, $"served {items} items; {submissions} submission(s) saved while serving");
        var outcome = JobOutcome.Ok([runFile], headline) with
        {
            Summary = [$"Stopped: {submissions} submission(s) saved; every one is in {scoringOptions.StorePath} and the human-eval.json files under {Path.Combine(evalRoot, HumanConsensus.EvaluatorDir)}"],
        };
        // The input fingerprint (a listing of the outputs folder) ran in the background while serving;
        // a stop does not wait long for it (the record then lists no inputs, and says so in the log).
        var inputs = await ctx.Record.InputsAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3), CancellationToken.None)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : [], TaskScheduler.Default).ConfigureAwait(false);
        if (inputs.IsEmpty) ctx.Log.Warning("the outputs folder's fingerprint was not finished when the server stopped; the run record lists no inputs");
        AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest(inputs, [], RunRecord.ResultOf(outcome))));
        ctx.Log.Info(headline);
        return outcome;
    }

    private void Announce(ServeOptions o, HumanScoring scoring, Uri address, string? token, string? reviewToken, string evalRoot)
    {
        int models = scoring.Items.Select(i => i.Key.Model).Distinct(StringComparer.Ordinal).Count();
        int types = scoring.Items.Select(i => i.Key.TaskType).Distinct(StringComparer.Ordinal).Count();
        announce.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GapLens serve: {scoring.Items.Length} items ({models} model(s), {types} task type(s)), {o.Overlap} annotator(s) per item; human scores in {Path.Combine(evalRoot, HumanConsensus.EvaluatorDir)}"));
        if (token is null)
        {
            announce.WriteLine($"Open {Shown(o, address, null)}   (Ctrl+C stops the server)");
        }
        else
        {
            announce.WriteLine("Open this link on each annotator's machine (it holds the access token; it is printed only here):");
            announce.WriteLine($"  {Shown(o, address, token)}");
            if (reviewToken is not null)
            {
                announce.WriteLine("Review and Progress (model names, judge scores, everyone's answers) open only with the reviewer link; keep it from annotators:");
                announce.WriteLine($"  {Shown(o, address, reviewToken, "/review")}");
            }
            announce.WriteLine("Ctrl+C stops the server.");
        }
        announce.Flush();
    }

    /// <summary>The address to open: the machine's name instead of a wildcard bind address, and the token when there is one.</summary>
    private static string Shown(ServeOptions o, Uri address, string? token, string path = "/")
    {
        var b = new UriBuilder(address);
        if (o.Host is "0.0.0.0" or "::") b.Host = System.Net.Dns.GetHostName();
        b.Path = path;
        b.Query = token is null ? "" : "token=" + token;
        return b.Uri.AbsoluteUri;
    }

    /// <summary>A generated access or reviewer token: 24 random bytes, URL-safe.</summary>
    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
