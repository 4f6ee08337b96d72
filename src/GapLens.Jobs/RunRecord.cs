using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.InteropServices;
using GapLens.Core.Runs;
using GapLens.Core.Text;
using GapLens.IO.Files;
using GapLens.IO.Json;

namespace GapLens.Jobs;

/// <summary>
/// The run record of one job as it runs: the host sets the verb, command line and options; the job
/// adds its inputs (fingerprinted in the background as soon as they are named), its seed and its
/// judge. <see cref="ToManifest"/> turns it into the <see cref="RunManifest"/> written last beside
/// the outputs (or logged, when a run writes nothing). Thread-safe.
/// </summary>
public sealed class RunRecord
{
    private readonly ConcurrentDictionary<string, Task<RunFile>> _inputs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _hashing = new();
    private ImmutableSortedDictionary<string, string?> _options = ImmutableSortedDictionary<string, string?>.Empty.WithComparers(StringComparer.Ordinal);

    public RunRecord(string verb, IEnumerable<string> commandLine)
    {
        Verb = verb;
        CommandLine = [.. CommandLineRedaction.Redact(commandLine)];
        StartedUtc = DateTimeOffset.UtcNow;
    }

    public string Verb { get; }

    public ImmutableArray<string> CommandLine { get; }

    public DateTimeOffset StartedUtc { get; }

    public ulong? Seed { get; set; }

    /// <summary>The exit code a cancelled run ends with (129 after SIGHUP, 130 after SIGINT, 143 after SIGTERM), set by the host.</summary>
    public Func<int> CancelledExitCode { get; set; } = () => 130;

    public ImmutableSortedDictionary<string, string>? Judge { get; private set; }

    /// <summary>The tool that is running: name, version and git commit (from the build).</summary>
    public static RunTool Tool { get; } = ReadTool();

    public void SetOptions(IEnumerable<KeyValuePair<string, string?>> options) =>
        _options = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            options.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value is null ? null : UrlRedaction.Redact(kv.Value))));

    public void SetJudge(IEnumerable<KeyValuePair<string, string>> identity) =>
        Judge = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
            identity.Select(kv => new KeyValuePair<string, string>(kv.Key, UrlRedaction.Redact(kv.Value))));

    /// <summary>Names an input (a file or a folder, absolute); its fingerprint is computed in the background.</summary>
    /// <param name="path">The input as named.</param>
    /// <param name="role">What it is to the job (e.g. the option's name).</param>
    /// <param name="contentPath">Where its bytes are when not at <paramref name="path"/> (the copy of a pipe).</param>
    public void AddInput(string path, string role, string? contentPath = null) =>
        _inputs.GetOrAdd(path, p => Task.Run(() => FileHash.DescribeAsync(p, role, _hashing.Token, contentPath)));

    /// <summary>The input paths named so far (the outputs must never overwrite them).</summary>
    public IReadOnlyCollection<string> InputPaths => [.. _inputs.Keys];

    /// <summary>Waits for the input fingerprints.</summary>
    public async Task<ImmutableArray<RunFile>> InputsAsync(CancellationToken ct)
    {
        var files = await Task.WhenAll(_inputs.Values).WaitAsync(ct).ConfigureAwait(false);
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>Stops fingerprinting (the run ended without needing them).</summary>
    public void CancelPendingWork() => _hashing.Cancel();

    public RunManifest ToManifest(ImmutableArray<RunFile> inputs, ImmutableArray<RunFile> outputs, RunResult? outcome) => new()
    {
        Tool = Tool,
        Verb = Verb,
        CommandLine = CommandLine,
        Options = _options,
        Inputs = inputs,
        Outputs = outputs,
        Seed = Seed,
        Judge = Judge,
        Host = new RunHost(RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, Environment.ProcessorCount),
        StartedUtc = StartedUtc,
        EndedUtc = outcome is null ? null : DateTimeOffset.UtcNow,
        Outcome = outcome,
    };

    /// <summary>The result a normally ended job records.</summary>
    public static RunResult ResultOf(JobOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Passed
            ? new RunResult(RunStatus.Passed, 0, outcome.Headline, null)
            : new RunResult(RunStatus.GateFailed, 1, outcome.Headline, outcome.GateMessage);
    }

    /// <summary>The result a cancelled job records (a run record written at its start, then again when it stops).</summary>
    public RunResult CancelledResult(string? headline) =>
        new(RunStatus.Cancelled, CancelledExitCode(), headline, "cancelled (SIGINT, SIGTERM or SIGHUP) before it finished");

    /// <summary>Commits a job's outputs: waits for the input fingerprints, stages the run's front page
    /// (<see cref="RunIndex"/>, index.html), then puts the files in place with the manifest written last.</summary>
    public async Task CommitAsync(OutputSet outputs, JobOutcome outcome, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var inputs = await InputsAsync(ct).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        var result = ResultOf(outcome);
        // Every run folder opens on a front page: made here, once, from the staged files and this record.
        if (!outputs.IsStaged(OutputSet.IndexName))
        {
            outputs.StageText(OutputSet.IndexName, RunIndex.Render(ToManifest(inputs, outputs.Files, result), RunIndex.FindSubRuns(outputs.Dir)));
        }
        outputs.Commit(files => RunManifestJson.Serialize(ToManifest(inputs, files, result)));
    }

    /// <summary>The manifest as one line, for runs that write no files (TAO writes nothing then).</summary>
    public async Task<string> ToLogLineAsync(JobOutcome outcome, CancellationToken ct)
    {
        var inputs = await InputsAsync(ct).ConfigureAwait(false);
        return RunManifestJson.SerializeToString(ToManifest(inputs, [], ResultOf(outcome)), indented: false);
    }

    private static RunTool ReadTool()
    {
        string info = typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        int plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? new RunTool("gaplens", info, null) : new RunTool("gaplens", info[..plus], info[(plus + 1)..]);
    }
}
