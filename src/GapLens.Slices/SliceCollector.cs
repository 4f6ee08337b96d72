using GapLens.Statistics;

namespace GapLens.Slices;

/// <summary>
/// Tests every slice the search finds against the rest (<see cref="TwoProportions.Compare"/>), adds its
/// p-value to the Benjamini-Hochberg family, and keeps the candidates of each ranking: slices worse than
/// the rest with p at or below the eligibility bound (alpha on the first pass, the BH rejection threshold
/// on a second) that are significantly worse than each parent, by the lower bound of the difference and
/// of the gain; better ones by the upper bound; and, for when nothing is significant, the best lower bounds.
/// Memory: the pools (bounded) and the p-values at or below alpha of worse and better slices.
/// </summary>
internal sealed class SliceCollector : ISliceVisitor
{
    private readonly SliceSearch _search;
    private readonly int _k;
    private readonly long _n;
    private readonly long _failures;
    private readonly long[] _totals;
    private readonly double _alpha;
    private readonly double _eligibleUpTo;
    private readonly BenjaminiHochbergFamily? _family;
    private readonly long[] _parent;

    public SliceCollector(SliceSearch search, long[] totals, double alpha, double eligibleUpTo, BenjaminiHochbergFamily? family, int poolSize, int nearMisses)
    {
        _search = search;
        _totals = totals;
        _k = totals.Length;
        _n = totals.Sum();
        _failures = _n - totals[0];
        _alpha = alpha;
        _eligibleUpTo = eligibleUpTo;
        _family = family;
        _parent = new long[_k];
        Worse = new SlicePool(poolSize);
        Gain = new SlicePool(poolSize);
        Better = new SlicePool(poolSize);
        Near = new SlicePool(nearMisses);
    }

    public SlicePool Worse { get; }

    public SlicePool Gain { get; }

    public SlicePool Better { get; }

    public SlicePool Near { get; }

    public long[] TestedByOrder { get; } = new long[SliceOptions.MaxMaxOrder + 1];

    /// <summary>p-values (at most alpha) of slices worse than the rest, of those also worse than their parents, and of better ones.</summary>
    public List<double> WorseP { get; } = [];

    public List<double> WorseKeptP { get; } = [];

    public List<double> BetterP { get; } = [];

    public void Visit(ReadOnlySpan<Predicate> predicates, ReadOnlySpan<long> counts)
    {
        long n = SliceSearch.Total(counts);
        long f = n - counts[0];
        long restN = _n - n, restF = _failures - f;
        var test = TwoProportions.Compare(f, n, restF, restN);
        double p = test.PValue!.Value;
        _family?.Add(p);
        TestedByOrder[predicates.Length]++;
        double diff = (double)f / n - (double)restF / restN;
        if (diff == 0) return;
        bool worse = diff > 0;
        var ci = TwoProportions.DifferenceInterval(f, n, restF, restN)!;
        bool? kept = null;
        bool Kept(ReadOnlySpan<Predicate> preds) => kept ??= KeptOverParents(preds, n, f, worse);
        if (p <= _alpha)
        {
            (worse ? WorseP : BetterP).Add(p);
            if (worse && Kept(predicates)) WorseKeptP.Add(p);
            if (p <= _eligibleUpTo)
            {
                if (worse)
                {
                    double lower = ci.Lower, gainLower = ci.Lower * n / _n;
                    if (!Worse.WouldAccept(lower) && !Gain.WouldAccept(gainLower))
                    {
                        Worse.MarkOverflow();
                        Gain.MarkOverflow();
                    }
                    else if (Kept(predicates))
                    {
                        var pred = predicates.ToArray();
                        var c = counts.ToArray();
                        Worse.Offer(new SliceCandidate(pred, c, p, test.Method, lower));
                        Gain.Offer(new SliceCandidate(pred, c, p, test.Method, gainLower));
                    }
                }
                else if (!Better.WouldAccept(-ci.Upper))
                {
                    Better.MarkOverflow();
                }
                else if (Kept(predicates))
                {
                    Better.Offer(new SliceCandidate(predicates.ToArray(), counts.ToArray(), p, test.Method, -ci.Upper));
                }
            }
        }
        if (worse && Near.WouldAccept(ci.Lower) && Kept(predicates))
        {
            Near.Offer(new SliceCandidate(predicates.ToArray(), counts.ToArray(), p, test.Method, ci.Lower));
        }
    }

    /// <summary>Whether the slice is significantly worse (better) than the other samples of each parent
    /// (the slice with one predicate fewer), at alpha, uncorrected. A slice with a parent of the same
    /// samples is not kept. Single predicates have no parent but the whole set.</summary>
    public bool KeptOverParents(ReadOnlySpan<Predicate> predicates, long n, long f, bool worse)
    {
        if (predicates.Length == 1) return true;
        Span<Predicate> parent = stackalloc Predicate[predicates.Length - 1];
        for (int drop = 0; drop < predicates.Length; drop++)
        {
            int j = 0;
            for (int i = 0; i < predicates.Length; i++)
            {
                if (i != drop) parent[j++] = predicates[i];
            }
            if (!_search.TryGetCounts(parent, _parent)) continue;
            long pn = SliceSearch.Total(_parent), pf = pn - _parent[0];
            long on = pn - n, of = pf - f;
            if (on <= 0) return false;
            double d = (double)f / n - (double)of / on;
            if (worse ? d <= 0 : d >= 0) return false;
            if (TwoProportions.Compare(f, n, of, on).PValue > _alpha) return false;
        }
        return true;
    }
}
