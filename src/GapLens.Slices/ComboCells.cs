namespace GapLens.Slices;

/// <summary>The slices (cells with at least the support) of one feature combination: per cell the
/// value index of each feature and the samples per outcome class; and how many cells were below the support.</summary>
internal sealed class ComboCells(int[] features, int[] values, long[] counts, int classes, long belowSupport)
{
    public int[] Features { get; } = features;

    public int Count => values.Length / Features.Length;

    public long BelowSupport { get; } = belowSupport;

    public int ValueOf(int cell, int j) => values[cell * Features.Length + j];

    public ReadOnlySpan<long> CountsOf(int cell) => counts.AsSpan(cell * classes, classes);
}
