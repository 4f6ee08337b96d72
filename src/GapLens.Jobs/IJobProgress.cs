namespace GapLens.Jobs;

/// <summary>Where a job reports progress on long work (a bar on a terminal, periodic log lines
/// otherwise, nothing with --quiet). Thread-safe.</summary>
public interface IJobProgress
{
    /// <summary>Starts a phase: its label and the unit of the counts ("MB", "items", "videos").</summary>
    void Begin(string label, string unit);

    void Report(long done, long total);

    /// <summary>Counts shown beside the bar, e.g. "3 failed, 1 skipped".</summary>
    void Detail(string detail);
}
