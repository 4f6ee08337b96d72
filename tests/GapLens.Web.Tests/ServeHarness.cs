using GapLens.IO.Logging;
using GapLens.Jobs.Serve;
using GapLens.Judging.Human;
using GapLens.Testing;

namespace GapLens.Web.Tests;

/// <summary>
/// The real web app (Kestrel on 127.0.0.1, a free port) over the real scoring service, on a small
/// generated experiment with real mp4s: 2 models x 2 task types x <c>tasks</c> items, the models named
/// so that a test can look for them in page text.
/// </summary>
internal sealed class ServeHarness : IAsyncDisposable
{
    public static readonly string[] Models = ["zebra-vid-9", "quokka-gen-2"];
    public static readonly string[] TaskTypes = ["maze_task", "chess_task"];

    private ServeHarness(TempDir dir, string outputs, string evaluations, HumanScoring scoring, IScoringServer server, StringWriter log)
    {
        Dir = dir;
        Outputs = outputs;
        Evaluations = evaluations;
        Scoring = scoring;
        Server = server;
        Log = log;
    }

    public TempDir Dir { get; }

    public string Outputs { get; }

    public string Evaluations { get; }

    public HumanScoring Scoring { get; }

    public IScoringServer Server { get; }

    public StringWriter Log { get; }

    public Uri Url => Server.Address;

    public static async Task<ServeHarness> StartAsync(int overlap = 1, string? token = null, int tasks = 2, Action<TempDir, string>? prepare = null, string host = "127.0.0.1", string? reviewToken = null)
    {
        var dir = new TempDir();
        string outputs = VmExperiment.Create(dir.Path, "exp1", Models, TaskTypes, tasks, withoutFinal: ["chess_0001"]);
        string evaluations = dir.Combine("evaluations");
        Directory.CreateDirectory(evaluations);
        prepare?.Invoke(dir, evaluations);
        var log = new StringWriter();
        var runLog = new RunLog(TextWriter.Synchronized(log), LogLevel.Info);
        var scoring = HumanScoring.Open(new HumanScoringOptions(outputs, evaluations, overlap, Resamples: 200), runLog, TimeProvider.System, CancellationToken.None);
        var server = await new ScoringWebHost { Resamples = 200 }.StartAsync(scoring, new ServeEndpoint(host, 0, token, reviewToken), runLog, CancellationToken.None);
        return new ServeHarness(dir, outputs, evaluations, scoring, server, log);
    }

    /// <summary>A client with its own cookie jar (one browser session).</summary>
    public ApiClient Client() => new(Url);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Scoring.DisposeAsync();
        Dir.Dispose();
    }
}
