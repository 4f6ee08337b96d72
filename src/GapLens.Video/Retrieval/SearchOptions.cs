namespace GapLens.Video.Retrieval;

/// <summary>How a similarity search runs.</summary>
/// <param name="MaxDegreeOfParallelism">Threads over rows; -1 = one per core.</param>
/// <param name="RowsPerChunk">Rows one thread takes at a time (a work item).</param>
public sealed record SearchOptions(int MaxDegreeOfParallelism = -1, int RowsPerChunk = 2048)
{
    public static SearchOptions Default { get; } = new();
}
