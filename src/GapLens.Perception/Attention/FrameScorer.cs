using System.Runtime.CompilerServices;

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
    private ulong[] _buffer = new ulong[576];

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
            _buffer = new ulong[n];
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
        SortByValue(keys, _buffer.AsSpan(0, n));

        // One pass in descending value order, tie group by tie group:
        // - pointing game: the share of the tied maximal cells that are targets;
        // - rank accuracy: the top K = area cells (fractional), a tie group taken in proportion;
        // - ROC-AUC with weights: cell i is positive with weight c_i and negative with 1 - c_i;
        // - IoU sweep: {cells >= f * max} is a prefix of the order; for each fraction (descending, so
        //   thresholds descend when max > 0) record the coverage inside the prefix where it ends.
        double max = map[(int)(uint)keys[0]];
        int j = _sweep.Length - 1;
        double threshold = _sweep[j] * max;
        double budget = area, covered = 0, negTotal = n - area, negAbove = 0, aucSum = 0, run = 0;
        double pointing = 0;
        for (int k = 0; k < n;)
        {
            ulong group = keys[k] >> 32;
            double value = map[(int)(uint)keys[k]];
            while (j >= 0 && !(value >= threshold))
            {
                iouSweep[j] = run / (k + area - run);
                if (--j >= 0) threshold = _sweep[j] * max;
            }
            int start = k, hits = 0;
            double cov = 0;
            do
            {
                int cell = (int)(uint)keys[k];
                cov += coverage[cell];
                hits += pointTarget[cell] ? 1 : 0;
                k++;
            }
            while (k < n && keys[k] >> 32 == group);
            int g = k - start;
            if (start == 0) pointing = (double)hits / g;
            if (budget > 0)
            {
                double take = Math.Min(1.0, budget / g);
                covered += take * cov;
                budget -= take * g;
            }
            double neg = g - cov;
            aucSum += cov * (negTotal - negAbove - 0.5 * neg);
            negAbove += neg;
            run += cov;
        }
        for (; j >= 0; j--) iouSweep[j] = run / (n + area - run);
        if (max <= 0) IouByScan(map, coverage, area, max, iouSweep); // thresholds do not descend: no prefix order
        double? auc = negTotal > 1e-12 ? Math.Clamp(aucSum / (area * negTotal), 0, 1) : null;
        return new FrameScores(pointing, total > 0 ? Math.Clamp(inside / total, 0, 1) : null, Math.Clamp(covered / area, 0, 1), iouSweep[_defaultIndex], auc);
    }

    /// <summary>The IoU sweep by a plain scan per fraction (maps whose maximum is &lt;= 0).</summary>
    private void IouByScan(ReadOnlySpan<float> map, ReadOnlySpan<double> coverage, double area, double max, Span<double> iouSweep)
    {
        for (int j = 0; j < _sweep.Length; j++)
        {
            double threshold = _sweep[j] * max, inter = 0;
            int count = 0;
            for (int i = 0; i < map.Length; i++)
            {
                if (!(map[i] >= threshold)) continue;
                count++;
                inter += coverage[i];
            }
            iouSweep[j] = inter / (count + area - inter);
        }
    }

    /// <summary>What a uniform map scores on the same boxes: chance for that box size.</summary>
    public static FrameScores Chance(int cells, double area, int pointTargets) =>
        new((double)pointTargets / cells, area / cells, area / cells, area / cells, cells - area > 1e-12 ? 0.5 : null);

    /// <summary>
    /// Stable LSD radix sort of the keys by their upper 32 bits (the value image), one byte a pass; a
    /// pass where every key has the same byte is skipped. Equal values keep their index order, as the
    /// keys were built. Branch-free: on fresh maps a comparison sort spends most of its time in
    /// mispredicted comparisons (measured: the attention benchmark ran 2-3x slower with it).
    /// </summary>
    internal static void SortByValue(Span<ulong> keys, Span<ulong> buffer)
    {
        // The four byte histograms in one read of the keys, then one scatter per byte that varies.
        Span<int> counts = stackalloc int[4 * 256];
        counts.Clear();
        foreach (ulong k in keys)
        {
            uint v = (uint)(k >> 32);
            counts[(int)(v & 0xFF)]++;
            counts[256 + (int)((v >> 8) & 0xFF)]++;
            counts[512 + (int)((v >> 16) & 0xFF)]++;
            counts[768 + (int)(v >> 24)]++;
        }
        var src = keys;
        var dst = buffer;
        for (int pass = 0; pass < 4; pass++)
        {
            var c = counts.Slice(pass * 256, 256);
            int shift = 32 + 8 * pass;
            if (c[(int)(src[0] >> shift) & 0xFF] == src.Length) continue;
            int sum = 0;
            for (int b = 0; b < 256; b++) (c[b], sum) = (sum, sum + c[b]);
            foreach (ulong k in src) dst[c[(int)(k >> shift) & 0xFF]++] = k;
            var t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) src.CopyTo(keys);
    }

    /// <summary>Order-preserving unsigned image of a float (-0 and +0 map to the same key).</summary>
    private static uint Sortable(float v)
    {
        uint bits = BitConverter.SingleToUInt32Bits(v == 0 ? 0f : v);
        return (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
    }
}
