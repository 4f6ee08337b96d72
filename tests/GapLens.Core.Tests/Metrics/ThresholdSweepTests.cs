using System.Text.Json;
using GapLens.Core.Metrics;
using GapLens.Testing;

namespace GapLens.Core.Tests.Metrics;

public sealed class ThresholdSweepTests
{
    [Fact]
    public void SpecWorkedExamplePicksJustBelowTheMinimum()
    {
        double[] s = [.1, .2, .8, .9, .1, .9];
        bool[] noPass = [false, false, true, true, true, false];
        var sel = ThresholdSelection.Sweep(ScoreSweep.Build(s, noPass), 1.0);
        Assert.Equal(0.09999999999999999, sel.Best!.Threshold);
        Assert.Equal((3L, 3L), (sel.Best.Counts.Tp, sel.Best.Counts.Fp));
        Assert.Equal(0.6666666666666666, sel.Best.F1);
        Assert.Equal(5, sel.CandidateCount);
        Assert.Equal(1, sel.FeasibleCount);
    }

    [Fact]
    public void MinimumScoreZeroGivesTheSmallestNegativeSubnormal()
    {
        var sel = ThresholdSelection.Sweep(ScoreSweep.Build([0.0, 0.0, 0.5], [true, false, true]), 1.0);
        Assert.Equal(-5e-324, sel.Candidate(0).Threshold);
        Assert.Equal(-5e-324, sel.Best!.Threshold);
    }

    [Fact]
    public void PicksTheBestF1AmongFeasibleCandidates()
    {
        var sel = ThresholdSelection.Sweep(ScoreSweep.Build([0.2, 0.4, 0.6, 0.1], [true, true, true, false]), 1.0);
        Assert.Equal(0.1, sel.Best!.Threshold);
        Assert.Equal(1.0, sel.Best.F1);
        // Catching every defect forces t below 0.1 (F1 .75); a 0.6 recall target lets t = 0.6 win (F1 .8).
        var build = ScoreSweep.Build([0.9, 0.8, 0.1, 0.5, 0.6], [true, true, true, false, false]);
        Assert.Equal(0.09999999999999999, ThresholdSelection.Sweep(build, 1.0).Best!.Threshold);
        var relaxed = ThresholdSelection.Sweep(build, 0.6).Best!;
        Assert.Equal(0.6, relaxed.Threshold);
        Assert.Equal(0.8, relaxed.F1, 1e-15);
    }

    [Fact]
    public void NoPositivesMeansNothingIsFeasible()
    {
        var sel = ThresholdSelection.Sweep(ScoreSweep.Build([0.2, 0.4], [false, false]), 0.5);
        Assert.Null(sel.Best);
        Assert.Null(sel.BestAchievableRecall);
    }

    [Fact]
    public void SweepEqualsBruteForceOnRandomData()
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, 60);
            var scores = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble(), rng.Next(1, 3))).ToArray();
            var pos = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.4).ToArray();
            double minRecall = new[] { 1.0, 0.9, 0.5, 0.0 }[rng.Next(4)];
            var fast = ThresholdSelection.Sweep(ScoreSweep.Build(scores, pos), minRecall);

            // Brute force: O(n x candidates), the original's loop.
            var distinct = scores.Distinct().Order().ToList();
            var candidates = new[] { Math.BitDecrement(distinct[0]) }.Concat(distinct).ToList();
            OperatingPoint? best = null;
            int feasible = 0;
            for (int c = 0; c < candidates.Count; c++)
            {
                double t = candidates[c];
                long tp = 0, fp = 0, tn = 0, fn = 0;
                for (int i = 0; i < n; i++)
                {
                    bool pred = scores[i] > t;
                    if (pos[i] && pred) tp++;
                    else if (!pos[i] && pred) fp++;
                    else if (!pos[i]) tn++;
                    else fn++;
                }
                var op = OperatingPoint.At(t, new BinaryConfusion(tp, fp, tn, fn));
                Assert.Equal(op, fast.Candidate(c));
                // The inclusive rule (score >= t) at the same threshold, by brute force.
                long itp = 0, ifp = 0;
                for (int i = 0; i < n; i++)
                {
                    if (scores[i] >= t && pos[i]) itp++;
                    else if (scores[i] >= t) ifp++;
                }
                var inclusive = ScoreSweep.Build(scores, pos).AtInclusive(t);
                Assert.Equal((itp, ifp), (inclusive.Tp, inclusive.Fp));
                Assert.Equal(new BinaryConfusion(tp, fp, tn, fn), ScoreSweep.Build(scores, pos).AtStrict(t));
                if (tp + fn > 0 && op.Recall >= minRecall - 1e-12)
                {
                    feasible++;
                    if (best is null || (op.F1, op.Precision, op.Threshold).CompareTo((best.F1, best.Precision, best.Threshold)) > 0) best = op;
                }
            }
            Assert.Equal(feasible, fast.FeasibleCount);
            Assert.Equal(best, fast.Best);
            // The tie-break figures and the feasible span, by brute force over the candidates.
            var all = Enumerable.Range(0, candidates.Count).Where(fast.IsFeasible).Select(fast.Candidate).ToList();
            Assert.Equal(feasible, all.Count);
            if (best is null)
            {
                Assert.Null(fast.FeasibleSpan);
                continue;
            }
            Assert.Equal(all.Count(c => c.F1 == best.F1), fast.TiedOnF1);
            Assert.Equal(all.Count(c => c.F1 == best.F1 && c.Precision == best.Precision), fast.TiedOnF1AndPrecision);
            Assert.Equal((all.Min(c => c.Threshold), all.Max(c => c.Threshold)), fast.FeasibleSpan);
        }
    }

    [Fact]
    public void ATieOnF1IsDecidedByPrecision()
    {
        // Below 0.1: tp 2, fp 2 (precision .5, recall 1); at 0.3: tp 1, fp 0 (precision 1, recall .5): both F1 2/3.
        var sel = ThresholdSelection.Sweep(ScoreSweep.Build([0.1, 0.2, 0.3, 0.4], [true, false, false, true]), 0.0);
        Assert.Equal(0.3, sel.Best!.Threshold);
        Assert.Equal(2, sel.TiedOnF1);
        Assert.Equal(1, sel.TiedOnF1AndPrecision);
        Assert.Equal(5, sel.FeasibleCount);
        Assert.Equal((Math.BitDecrement(0.1), 0.4), sel.FeasibleSpan);
    }

    [Fact]
    public void EmptyAndSingleRowSweeps()
    {
        var empty = ThresholdSelection.Sweep(ScoreSweep.Build([], []), 1.0);
        Assert.Equal(0, empty.CandidateCount);
        Assert.Null(empty.Best);
        var one = ThresholdSelection.Sweep(ScoreSweep.Build([0.7], [true]), 1.0);
        Assert.Equal(2, one.CandidateCount);
        Assert.Equal(Math.BitDecrement(0.7), one.Best!.Threshold);
        Assert.Equal(1, one.FeasibleCount);
        Assert.Null(Curves.RocAuc(ScoreSweep.Build([0.7], [true])));
    }

    [Fact]
    public void RadixSortedTieGroupsEqualAComparisonSortOnHardValues()
    {
        var rng = new Random(3);
        double[] special = [0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, double.MaxValue, double.MinValue, 1e308, -1e308, 1.0, -1.0, 0.5, 0.5];
        var scores = special.Concat(Enumerable.Range(0, 50_000).Select(i => i % 3 == 0 ? (double)(float)rng.NextDouble() : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-300, 300)))).ToArray();
        var pos = scores.Select(_ => rng.NextDouble() < 0.3).ToArray();
        var sweep = ScoreSweep.BuildBySorting(scores, pos);
        var expected = scores.Select(v => v == 0 ? 0.0 : v).Distinct().Order().ToArray();
        Assert.Equal(expected, sweep.DistinctScores.ToArray());
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(sweep.DistinctScores[Array.IndexOf(expected, 0.0)]));
        for (int k = 0; k < expected.Length; k += 97)
        {
            long p = 0, q = 0;
            for (int i = 0; i < scores.Length; i++)
            {
                if (scores[i] > expected[k]) continue;
                if (pos[i]) p++;
                else q++;
            }
            Assert.Equal((p, q), (sweep.PositivesAtOrBelow(k), sweep.NegativesAtOrBelow(k)));
        }
        Assert.Equal(pos.Count(b => b), sweep.Positives);
        Assert.Equal(pos.Count(b => !b), sweep.Negatives);
        // One class only, and no rows at all.
        Assert.Equal([0.25, 0.5], ScoreSweep.BuildBySorting([0.5, 0.25, 0.5], [false, false, false]).DistinctScores.ToArray());
        Assert.Empty(ScoreSweep.BuildBySorting([], []).DistinctScores.ToArray());
    }

    [Fact]
    public void TheNegativesOrderStatisticsComeFromTheTieGroupsWhicheverWayTheyWereMade()
    {
        var rng = new Random(31);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, 2000);
            bool coarse = trial % 2 == 0;
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => rng.Next(20) == 0 ? -0.0 : coarse ? Math.Round(rng.NextDouble(), 1) : rng.NextDouble())];
            bool[] pos = [.. Enumerable.Range(0, n).Select(_ => rng.Next(3) == 0)];
            var negatives = scores.Where((_, i) => !pos[i]).Select(v => v == 0 ? 0.0 : v).Order().ToArray();
            foreach (var sweep in new[] { ScoreSweep.Build(scores, pos), ScoreSweep.BuildBySorting(scores, pos) })
            {
                Assert.Equal(negatives, Enumerable.Range(0, negatives.Length).Select(k => sweep.NegativeAt(k)));
                Assert.Throws<ArgumentOutOfRangeException>(() => sweep.NegativeAt(negatives.Length));
            }
        }
    }

    [Fact]
    public void RadixSortOverTheDifferingBitsEqualsAComparisonSort()
    {
        // Keys that differ in one bit, in a narrow band, in the middle bits only (float32 scores as
        // doubles), in all 64 bits; all equal; two values; sizes around a digit's bucket count.
        var rng = new Random(9);
        for (int trial = 0; trial < 400; trial++)
        {
            int n = rng.Next(0, trial < 300 ? 3000 : 70_000);
            int low = rng.Next(0, 64), width = rng.Next(0, 65 - low);
            ulong baseKey = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
            ulong mask = width == 64 ? ulong.MaxValue : ((1UL << width) - 1) << low;
            var keys = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                ulong r = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 33);
                keys[i] = trial % 7 == 0 ? baseKey ^ (rng.Next(2) == 0 ? 0 : 1UL << low) : (baseKey & ~mask) | (r & mask);
            }
            var expected = keys.Order().ToArray();
            RadixSort.Sort(keys, new ulong[n]);
            Assert.Equal(expected, keys);
        }
    }

    [Fact]
    public void RadixSortOfMoreKeysThanACacheHoldsEqualsAComparisonSort()
    {
        // Above RadixSort.InCacheKeys the keys are split into buckets by their top differing bits and
        // each bucket is sorted again: scores spread over many exponents, crowded into one bucket
        // (one exponent: the bucket is split again), with duplicates, and with keys equal but for the
        // last 8 or 12 bits (the split's digit is the lowest one, or the buckets still need a sort).
        var rng = new Random(41);
        int n = RadixSort.InCacheKeys * 5 + 123;
        Func<int, double>[] kinds =
        [
            _ => rng.NextDouble(),
            _ => Math.Pow(rng.NextDouble(), 8),
            i => i % 10 == 0 ? rng.NextDouble() : 0.5 + rng.NextDouble() * 1e-9,
            _ => Math.Round(rng.NextDouble() * 3000) / 3000 - 0.5,
            _ => BitConverter.UInt64BitsToDouble(0x3FE0000000000000UL | (uint)rng.Next(256)),
            _ => BitConverter.UInt64BitsToDouble(0x3FE0000000000000UL | (uint)rng.Next(4096)),
        ];
        foreach (var kind in kinds)
        {
            var keys = Enumerable.Range(0, n).Select(i => RadixSort.KeyOf(kind(i))).ToArray();
            var expected = keys.Order().ToArray();
            RadixSort.Sort(keys, new ulong[n]);
            Assert.Equal(expected, keys);
        }
    }

    [Fact]
    public void RadixSortOfSegmentsOnEveryCoreSortsEachSegmentOnItsOwn()
    {
        // Segments as ScoreSweep makes them (positives, then negatives) and more: empty, one key, small
        // (one piece), larger than a cache (split into buckets, sorted by several threads at once),
        // all equal (nothing to sort after the split), and a gap left untouched between two segments.
        var rng = new Random(43);
        int big = RadixSort.InCacheKeys * 3 + 7;
        int[] lengths = [0, 1, 2, 47, 5000, big, RadixSort.InCacheKeys + 1, big / 2];
        for (int trial = 0; trial < 12; trial++)
        {
            var segments = new List<(int Start, int Length)>();
            int at = 0;
            foreach (int len in lengths.OrderBy(_ => rng.Next()).Take(2 + trial % 6))
            {
                segments.Add((at, len));
                at += len + (trial % 3 == 0 ? 5 : 0);
            }
            bool equal = trial == 5;
            var keys = Enumerable.Range(0, at).Select(_ => equal ? RadixSort.KeyOf(0.25) : RadixSort.KeyOf(trial % 2 == 0 ? rng.NextDouble() : Math.Round(rng.NextDouble(), 3) - 0.5)).ToArray();
            var expected = (ulong[])keys.Clone();
            foreach (var (start, length) in segments) Array.Sort(expected, start, length);
            RadixSort.SortSegments(keys, new ulong[at], [.. segments]);
            Assert.Equal(expected, keys);
        }
    }

    [Fact]
    public void StreamedAreasAreTheDoublesOfTheBuiltCurves()
    {
        // Rounded scores (ties) and full-precision ones (one class per tie group, the case where the
        // streamed average precision skips the steps without positives); positives from none to all.
        var rng = new Random(17);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, trial < 50 ? 400 : 3000);
            bool full = trial % 2 == 1;
            double share = trial % 10 == 0 ? 0 : trial % 10 == 5 ? 1 : rng.NextDouble() * (trial % 3 == 0 ? 0.05 : 0.6);
            var scores = Enumerable.Range(0, n).Select(_ => full ? rng.NextDouble() : Math.Round(rng.NextDouble(), rng.Next(1, 4))).ToArray();
            var pos = scores.Select(_ => rng.NextDouble() < share).ToArray();
            var sweep = ScoreSweep.Build(scores, pos);
            var pr = Curves.PrecisionRecall(sweep);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Curves.AveragePrecision(pr)), BitConverter.DoubleToInt64Bits(Curves.AveragePrecision(sweep)));
            for (int k = 0; k < pr.Recall.Length; k++) Assert.Equal((pr.Precision[k], pr.Recall[k]), Curves.PrecisionRecallPoint(sweep, k));
            var roc = Curves.Roc(sweep);
            double? built = roc.Fpr is { } f && roc.Tpr is { } t ? Curves.Auc(f.AsSpan(), t.AsSpan()) : null;
            Assert.Equal(built, Curves.RocAuc(sweep));
        }
    }

    [Fact]
    public void CountingAndSortingBuildTheSameTieGroups()
    {
        var rng = new Random(9);
        foreach (int decimals in new[] { 2, 15 })
        {
            var scores = Enumerable.Range(0, 20_000).Select(_ => Math.Round(rng.NextDouble() * 2 - 1, decimals)).ToArray();
            scores[0] = -0.0;
            scores[1] = 0.0;
            var pos = scores.Select(_ => rng.NextDouble() < 0.3).ToArray();
            var sorted = ScoreSweep.BuildBySorting(scores, pos);
            var counted = ScoreSweep.TryBuildByCounting(scores, pos);
            if (decimals == 15)
            {
                Assert.Null(counted); // nearly all distinct: counting gives up, sorting is used
                continue;
            }
            Assert.NotNull(counted);
            Assert.Equal(sorted.DistinctScores.ToArray(), counted.DistinctScores.ToArray());
            for (int k = 0; k < sorted.DistinctScores.Length; k++) Assert.Equal(sorted.AtDistinctStrict(k), counted.AtDistinctStrict(k));
        }
        var build = ScoreSweep.Build(Enumerable.Range(0, 20_000).Select(i => i / 20_000.0).ToArray(), new bool[20_000]);
        Assert.Equal(20_000, build.DistinctScores.Length);
    }

    [Fact]
    public void CurvesAndAreasEqualScikitLearn()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("python", "stats_reference.json")));
        int n = 0;
        foreach (var c in doc.RootElement.GetProperty("curves").EnumerateArray())
        {
            double[] y = [.. c.GetProperty("y").EnumerateArray().Select(v => v.GetDouble())];
            double[] s = [.. c.GetProperty("s").EnumerateArray().Select(v => v.GetDouble())];
            var sweep = ScoreSweep.Build(s, [.. y.Select(v => v == 1)]);
            var pr = Curves.PrecisionRecall(sweep);
            AssertClose(c.GetProperty("pr_p"), pr.Precision);
            AssertClose(c.GetProperty("pr_r"), pr.Recall);
            AssertClose(c.GetProperty("pr_t"), pr.Thresholds);
            var roc = Curves.Roc(sweep);
            AssertClose(c.GetProperty("roc_fpr"), roc.Fpr!.Value);
            AssertClose(c.GetProperty("roc_tpr"), roc.Tpr!.Value);
            AssertClose(c.GetProperty("roc_t"), roc.Thresholds);
            var full = Curves.Roc(sweep, dropIntermediate: false);
            AssertClose(c.GetProperty("roc_full_fpr"), full.Fpr!.Value);
            AssertClose(c.GetProperty("roc_full_tpr"), full.Tpr!.Value);
            AssertClose(c.GetProperty("roc_full_t"), full.Thresholds);
            Assert.Equal(c.GetProperty("roc_auc").GetDouble(), Curves.Auc(roc.Fpr!.Value.AsSpan(), roc.Tpr!.Value.AsSpan()), 1e-12);
            Assert.Equal(c.GetProperty("auc_pr").GetDouble(), Curves.Auc(pr.Recall.AsSpan(), pr.Precision.AsSpan()), 1e-12);
            Assert.Equal(c.GetProperty("ap").GetDouble(), Curves.AveragePrecision(pr), 1e-12);
            n++;
        }
        Assert.True(n >= 10);
    }

    private static void AssertClose(JsonElement expected, IReadOnlyList<double> actual)
    {
        var e = expected.EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(e.Count, actual.Count);
        for (int i = 0; i < e.Count; i++) Assert.Equal(e[i], actual[i], 1e-12);
    }

    /// <summary>The cost table's one-pass selection picks, for every target, the candidate the
    /// per-target sweep picks: on random data with many ties (two decimals), few or many positives,
    /// unreachable targets, target 0 and 1, the same target twice, a NaN and a negative target, in no order.</summary>
    [Fact]
    public void BestForEachTargetIsWhatSweepPicksForThatTarget()
    {
        var rng = new Random(20261201);
        double[] targets = [1.0, 0.999, 0.99, 0.95, 0.9, 0.5, 0.0, 0.95, 1.5, double.NaN, -0.5];
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 400);
            double positiveShare = rng.NextDouble();
            bool coarse = trial % 2 == 0;
            var scores = new double[n];
            var pos = new bool[n];
            for (int i = 0; i < n; i++)
            {
                scores[i] = coarse ? Math.Round(rng.NextDouble(), 2) : rng.NextDouble();
                pos[i] = rng.NextDouble() < positiveShare;
            }
            var sweep = ScoreSweep.Build(scores, pos);
            var all = ThresholdSelection.BestForEach(sweep, targets);
            Assert.Equal(targets.Length, all.Length);
            for (int j = 0; j < targets.Length; j++)
            {
                Assert.Equal(ThresholdSelection.Sweep(sweep, targets[j]).Best, all[j]);
            }
        }
        Assert.Empty(ThresholdSelection.BestForEach(ScoreSweep.Build([0.5], [true]), []));
        Assert.Null(Assert.Single(ThresholdSelection.BestForEach(ScoreSweep.Build([0.5], [false]), [0.9])));
    }
}
