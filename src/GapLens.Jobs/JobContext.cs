using GapLens.IO.Logging;

namespace GapLens.Jobs;

/// <summary>
/// What a job needs from its host: the log, the working directory relative paths resolve against,
/// where to report progress (null: nobody is watching), and the run record it fills in (inputs, seed,
/// judge) and writes next to its outputs.
/// </summary>
public sealed class JobContext(RunLog log, string workingDirectory, IJobProgress? progress, RunRecord record)
{
    public RunLog Log { get; } = log;

    public string WorkingDirectory { get; } = workingDirectory;

    public IJobProgress? Progress { get; } = progress;

    public RunRecord Record { get; } = record;

    /// <summary>A context with no progress, for library callers and tests.</summary>
    public static JobContext Create(RunLog log, string cwd, string verb = "library") => new(log, cwd, null, new RunRecord(verb, []));

    /// <summary>A path from the user, made absolute against the working directory.</summary>
    public string Absolute(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>Runs another job as part of this one (the demo runs several): same log and progress,
    /// its own run record (verb, options) written beside its own outputs.</summary>
    public Task<JobOutcome> RunSubJobAsync<TOptions>(IJob<TOptions> job, string verb, TOptions options, CancellationToken ct)
        where TOptions : IJobOptions
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var record = new RunRecord(verb, Record.CommandLine);
        record.SetOptions(options.Describe());
        return job.RunAsync(options, new JobContext(Log, WorkingDirectory, Progress, record), ct);
    }
}
