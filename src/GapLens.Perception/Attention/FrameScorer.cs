namespace GapLens.Perception.Attention;

/// <summary>
/// The per-frame kernel: all five localisation metrics of one h x w map against the box coverage of
/// its frame, from one sort of the cells (descending value, ties grouped) and one pass. Definitions
/// follow Quantus (Pointing Game, Relevance Mass Accuracy, Relevance Rank Accuracy, AUC) generalised
/// to partial-cell coverage c in [0, 1] (docs/perception.md); on a binary mask with a unique maximum
/// and no ties they are Quantus's values exactly. Ties are resolved by expectation over a random
/// order, so a uniform map scores what chance gives. One instance per thread (it owns scratch buffers).
/// </summary>
internal sealed class FrameScorer
{
    private readonly double[] _sweep;
    private readonly int _defaultIndex;
    private ulong[] _keys = new ulong[576];
    private double[] _cum = new double[577];

    /// <param name="sweep">Threshold fractions of the maximum for the IoU sweep, ascending.</param>
    /// <param name="defaultIndex">The index in <paramref name="sweep"/> of the reported IoU fraction.</param>
    public FrameScorer(double[] sweep, int defaultIndex)
    {
        _sweep = sweep;
        _defaultIndex = defaultIndex;
    }

    /// <param name="map">The map's cells (row-major).</param>
    /// <param name="coverage">Box coverage of each cell (0..1).</param>
    /// <param name="area">The sum of the coverages (box area in cells), &gt; 0.</param>
    /// <param name="pointTarget">Cells where the maximum counts as a hit (touched by a box, dilated by the tolerance).</param>
    /// <param name="iouSweep">Receives the IoU at each sweep fraction.</param>
    public FrameScores Score(ReadOnlySpan<float> map, ReadOnlySpan<double> coverage, double area, ReadOnlySpan<bool> pointTarget, Span<double> iouSweep)
    {
        int n = map.Length;
        if (_keys.Length < n)
        {
            _keys = new ulong[n];
            _cum = new double[n + 1];
        }
        var keys = _keys.AsSpan(0, n);
        double total = 0, inside = 0;
        for (int i = 0; i < n; i++)
        {
            float v = map[i];
            total += v;
            inside += v * coverage[i];
            keys[i] = ((ulong)~Sortable(v) << 32) | (uint)i; // ascending keys = descending values, ties by index
        }
        keys.Sort();
        var cum = _cum.AsSpan(0, n + 1);
        cum[0] = 0;
        for (int k = 0; k < n; k++) cum[k + 1] = cum[k] + coverage[(int)(uint)keys[k]];

        // Pointing game: the share of the tied maximal cells that are targets.
        int maxEnd = GroupEnd(keys, 0);
        int hits = 0;
        for (int k = 0; k < maxEnd; k++) hits += pointTarget[(int)(uint)keys[k]] ? 1 : 0;
        double pointing = (double)hits / maxEnd;

        // Relevance rank accuracy: the top K = area cells (fractional), tie groups taken in proportion.
        double budget = area, covered = 0;
        double negTotal = n - area, negAbove = 0, aucSum = 0;
        for (int k = 0; k < n;)
        {
            int end = GroupEnd(keys, k);
            int g = end - k;
            double cov = cum[end] - cum[k];
            if (budget > 0)
            {
                double take = Math.Min(1.0, budget / g);
                covered += take * cov;
                budget -= take * g;
            }
            // ROC-AUC with weights: cell i is positive with weight c_i and negative with 1 - c_i.
            double neg = g - cov;
            aucSum += cov * (negTotal - negAbove - 0.5 * neg);
            negAbove += neg;
            k = end;
        }
        double rank = covered / area;
        double? auc = negTotal > 1e-12 ? Math.Clamp(aucSum / (area * negTotal), 0, 1) : null;

        // IoU of {cells >= f * max} with the boxes, for every fraction f of the sweep.
        double max = map[(int)(uint)keys[0]];
        int p = 0;
        for (int j = _sweep.Length - 1; j >= 0; j--)
        {
            // With max > 0, descending fractions give descending thresholds: the prefix only grows.
            double threshold = _sweep[j] * max;
            if (max <= 0) p = 0;
            while (p < n && map[(int)(uint)keys[p]] >= threshold) p++;
            double inter = cum[p];
            iouSweep[j] = inter / (p + area - inter);
        }
        return new FrameScores(pointing, total > 0 ? Math.Clamp(inside / total, 0, 1) : null, Math.Clamp(rank, 0, 1), iouSweep[_defaultIndex], auc);
    }

    /// <summary>What a uniform map scores on the same boxes: chance for that box size.</summary>
    public static FrameScores Chance(int cells, double area, int pointTargets) =>
        new((double)pointTargets / cells, area / cells, area / cells, area / cells, cells - area > 1e-12 ? 0.5 : null);

    /// <summary>Order-preserving unsigned image of a float (-0 and +0 map to the same key).</summary>
    private static uint Sortable(float v)
    {
        uint bits = BitConverter.SingleToUInt32Bits(v == 0 ? 0f : v);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }

    private static int GroupEnd(ReadOnlySpan<ulong> keys, int start)
    {
        ulong value = keys[start] >> 32;
        int k = start + 1;
        while (k < keys.Length && keys[k] >> 32 == value) k++;
        return k;
    }
}
