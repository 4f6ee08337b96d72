using GapLens.IO.Logging;

namespace GapLens.Jobs;

/// <summary>
/// What a job needs from its host: the log, the working directory relative paths resolve against,
/// a progress callback (done, total) and cancellation.
/// </summary>
public sealed record JobContext(RunLog Log, string WorkingDirectory, Action<long, long>? Progress, CancellationToken Cancellation)
{
    /// <summary>Optional counts shown beside the progress (e.g. "3 failed, 1 skipped").</summary>
    public Action<string>? ProgressDetail { get; init; }

    /// <summary>A context with no progress and no cancellation (library callers, tests).</summary>
    public static JobContext Create(RunLog log, string cwd) => new(log, cwd, null, CancellationToken.None);

    /// <summary>A path from the user, made absolute against the working directory.</summary>
    public string Absolute(string path) => Path.GetFullPath(path, WorkingDirectory);
}
