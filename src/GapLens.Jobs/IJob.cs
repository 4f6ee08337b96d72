namespace GapLens.Jobs;

/// <summary>
/// One verb of GapLens as a library call: bind an options record, run, get an outcome. Commands and
/// web endpoints only bind options, call <see cref="RunAsync"/> and map the outcome (exit code, HTTP status).
/// </summary>
/// <typeparam name="TOptions">The verb's options record.</typeparam>
public interface IJob<in TOptions>
    where TOptions : IJobOptions
{
    /// <summary>The job's name in logs and run records, e.g. "vcn_aoi".</summary>
    string Name { get; }

    /// <summary>Whether the job runs until it is told to stop (a server): SIGINT/SIGTERM is then its
    /// normal end, and a clean stop exits 0 rather than 130/143.</summary>
    bool RunsUntilStopped => false;

    Task<JobOutcome> RunAsync(TOptions options, JobContext ctx, CancellationToken ct);
}
