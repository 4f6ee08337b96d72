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

    Task<JobOutcome> RunAsync(TOptions options, JobContext ctx, CancellationToken ct);
}
