using System.Collections.Immutable;
using GapLens.Core.Statistics;
using GapLens.Statistics;

namespace GapLens.Slices;

/// <summary>
/// Where a model fails beyond noise: every slice of up to <see cref="SliceOptions.MaxOrder"/> predicates
/// with at least the minimum support is tested against the rest of the samples; the p-values form one
/// Benjamini-Hochberg family; the slices worse than the rest at q &lt;= alpha and significantly worse than
/// each of their parents are ranked by the lower bound of the difference and by the lower bound of the
/// expected gain. Exact (no sampling); memory is the encoded table, the rankings' pools and the p-values
/// (capped: see <see cref="BenjaminiHochbergFamily"/>).
/// </summary>
public static class SliceFinder
{
    public static SliceAnalysis Find(FeatureTable table, SliceOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var totals = Totals(table);
        int minSupport = options.MinSupport ?? SliceOptions.DefaultMinSupport(table.RowCount);
        var search = new SliceSearch(table, minSupport, options.MaxOrder, ct);
        int capacity = options.PValueCapacity ?? (int)Math.Clamp(table.MemoryBytes / 8, 1 << 20, Array.MaxLength);
        var family = new BenjaminiHochbergFamily(capacity, options.Alpha);
        int pool = Math.Max(options.Top * 20, 500);
        int near = Math.Min(options.Top, 10);
        var first = new SliceCollector(search, totals, options.Alpha, options.Alpha, family, pool, near);
        search.Run(first, ct);
        var q = family.Finish();
        double threshold = q.RejectionThreshold(options.Alpha);
        var collector = first;
        bool secondPass = NeedsSecondPass(first, threshold, options.Top);
        if (secondPass)
        {
            collector = new SliceCollector(search, totals, options.Alpha, threshold, null, pool, near);
            search.Run(collector, ct);
        }
        List<Slice> Take(SlicePool p) =>
            [.. p.Items.Where(c => c.Predicates.Length > 0 && c.PValue <= threshold).Take(options.Top).Select(c => Materialize(table, search, totals, c, q))];
        var worse = Take(collector.Worse);
        var nearMisses = worse.Count == 0 ? collector.Near.Items.Select(c => Materialize(table, search, totals, c, q)).ToList() : [];
        long failures = totals.Sum() - totals[0];
        return new SliceAnalysis
        {
            Source = table.Source,
            OutcomeColumn = table.OutcomeColumn,
            Rows = table.RowCount,
            Failures = failures,
            Classes = table.OutcomeClasses,
            ClassTotals = [.. totals],
            FailureRate = table.RowCount > 0 ? (double)failures / table.RowCount : null,
            FailureRateCi = ProportionIntervals.Wilson(failures, table.RowCount),
            MaxOrder = options.MaxOrder,
            MinSupport = minSupport,
            Alpha = options.Alpha,
            Top = options.Top,
            Tested = q.Tests,
            TestedByOrder = [.. first.TestedByOrder],
            BelowSupportByOrder = [.. search.BelowSupport],
            CombinationsPrunedByOrder = [.. search.CombinationsPruned],
            SignificantWorse = first.WorseP.Count(p => p <= threshold),
            SignificantWorseKept = first.WorseKeptP.Count(p => p <= threshold),
            SignificantBetter = first.BetterP.Count(p => p <= threshold),
            RejectionThreshold = threshold,
            QValueCutoff = q.Cutoff,
            WorseForSure = [.. worse],
            BiggestGain = [.. Take(collector.Gain)],
            Better = [.. Take(collector.Better)],
            NearMisses = [.. nearMisses],
            Features = [.. table.Features.Select((f, i) => new FeatureSummary(f.Name, f.Kind, f.Values.Length, search.Frequent[i].Length, f.Description))],
            Dropped = [.. table.Dropped, .. search.Duplicates],
            OutcomeValues = table.OutcomeValues,
            SecondPass = secondPass,
            TableBytes = table.MemoryBytes,
        };
    }

    /// <summary>
    /// Every slice tested, with its statistics and exact q-value, in search order: for verification and
    /// small tables (it keeps every slice in memory; <see cref="Find"/> does not).
    /// </summary>
    public static IReadOnlyList<Slice> EveryTestedSlice(FeatureTable table, SliceOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var totals = Totals(table);
        var search = new SliceSearch(table, options.MinSupport ?? SliceOptions.DefaultMinSupport(table.RowCount), options.MaxOrder, ct);
        var all = new AllSlices(totals);
        search.Run(all, ct);
        var family = new BenjaminiHochbergFamily(Math.Max(16, all.Items.Count), 1.0);
        foreach (var c in all.Items) family.Add(c.PValue);
        var q = family.Finish();
        return [.. all.Items.Select(c => Materialize(table, search, totals, c, q))];
    }

    /// <summary>A second pass is needed when a pool overflowed and the first pass's pool holds fewer
    /// significant slices than the ranking shows and than there are.</summary>
    private static bool NeedsSecondPass(SliceCollector c, double threshold, int top)
    {
        long kept = c.WorseKeptP.Count(p => p <= threshold);
        bool Short(SlicePool pool, long available) =>
            pool.Overflowed && pool.Items.Count(x => x.Predicates.Length > 0 && x.PValue <= threshold) < Math.Min(top, available);
        return Short(c.Worse, kept) || Short(c.Gain, kept) || Short(c.Better, c.BetterP.Count(p => p <= threshold));
    }

    private static long[] Totals(FeatureTable table)
    {
        var totals = new long[table.OutcomeClasses.Length];
        foreach (byte y in table.Outcome) totals[y]++;
        return totals;
    }

    private static Slice Materialize(FeatureTable table, SliceSearch search, long[] totals, SliceCandidate c, BenjaminiHochbergQValues q)
    {
        long bigN = totals.Sum(), bigF = bigN - totals[0];
        long n = c.Counts.Sum(), f = n - c.Counts[0];
        long restN = bigN - n, restF = bigF - f;
        double rate = (double)f / n, restRate = (double)restF / restN;
        var diffCi = TwoProportions.DifferenceInterval(f, n, restF, restN);
        double share = (double)n / bigN;
        var kinds = ImmutableArray.CreateBuilder<KindShare>();
        for (int k = 1; k < totals.Length; k++)
        {
            if (totals[k] == 0) continue;
            long ck = c.Counts[k], rk = totals[k] - ck;
            kinds.Add(new KindShare(table.OutcomeClasses[k], ck, (double)ck / n, rk, (double)rk / restN, (double)ck / n - (double)rk / restN,
                TwoProportions.DifferenceInterval(ck, n, rk, restN)));
        }
        var driver = kinds.Where(k => k.Difference > 0).OrderByDescending(k => k.Difference).FirstOrDefault()?.Kind;
        return new Slice([.. c.Predicates], SliceLabel.Of(table, c.Predicates), n, f, rate, ProportionIntervals.Wilson(f, n), restN, restF, restRate,
            ProportionIntervals.Wilson(restF, restN), rate - restRate, diffCi, c.PValue, c.Test, q.QValue(c.PValue),
            share * (rate - restRate), diffCi is { } d ? d with { Lower = share * d.Lower, Upper = share * d.Upper } : null,
            kinds.ToImmutable(), driver, Parents(table, search, c, n, f));
    }

    private static ImmutableArray<ParentComparison> Parents(FeatureTable table, SliceSearch search, SliceCandidate c, long n, long f)
    {
        if (c.Predicates.Length < 2) return [];
        var result = ImmutableArray.CreateBuilder<ParentComparison>();
        var counts = new long[table.OutcomeClasses.Length];
        for (int drop = 0; drop < c.Predicates.Length; drop++)
        {
            var parent = c.Predicates.Where((_, i) => i != drop).ToArray();
            string label = SliceLabel.Of(table, parent);
            if (!search.TryGetCounts(parent, counts))
            {
                result.Add(new ParentComparison(label, 0, null, null, null, "parent not counted"));
                continue;
            }
            long pn = counts.Sum(), pf = pn - counts[0];
            long on = pn - n, of = pf - f;
            if (on == 0)
            {
                result.Add(new ParentComparison(label, 0, null, null, null, "same samples as the parent"));
                continue;
            }
            var test = TwoProportions.Compare(f, n, of, on);
            result.Add(new ParentComparison(label, on, (double)of / on, (double)f / n - (double)of / on, test.PValue, test.Method));
        }
        return result.ToImmutable();
    }

    /// <summary>Keeps every slice (for <see cref="EveryTestedSlice"/>).</summary>
    private sealed class AllSlices(long[] totals) : ISliceVisitor
    {
        private readonly long _n = totals.Sum();
        private readonly long _f = totals.Sum() - totals[0];

        public List<SliceCandidate> Items { get; } = [];

        public void Visit(ReadOnlySpan<Predicate> predicates, ReadOnlySpan<long> counts)
        {
            long n = SliceSearch.Total(counts), f = n - counts[0];
            var test = TwoProportions.Compare(f, n, _f - f, _n - n);
            Items.Add(new SliceCandidate(predicates.ToArray(), counts.ToArray(), test.PValue!.Value, test.Method, 0));
        }
    }
}
