namespace GapLens.Statistics;

/// <summary>
/// Benjamini-Hochberg q-values of a family collected by <see cref="BenjaminiHochbergFamily"/>:
/// q(p) = min over the family's p' &gt;= p of min(1, p'·m / rank(p')), as statsmodels computes them.
/// </summary>
public sealed class BenjaminiHochbergQValues
{
    private readonly double[] _sorted;
    private readonly double[] _suffixMin;
    private readonly bool _dropped;

    internal BenjaminiHochbergQValues(double[] sorted, long tests, double cutoff, bool dropped)
    {
        _sorted = sorted;
        Tests = tests;
        Cutoff = cutoff;
        _dropped = dropped;
        _suffixMin = new double[sorted.Length];
        double running = double.PositiveInfinity;
        for (int i = sorted.Length - 1; i >= 0; i--)
        {
            running = Math.Min(running, Math.Min(1.0, sorted[i] / ((i + 1.0) / tests))); // statsmodels: p / ecdffactor
            _suffixMin[i] = running;
        }
    }

    /// <summary>The number of tests in the family (m).</summary>
    public long Tests { get; }

    /// <summary>q-values above this are not known exactly (1: every q-value is exact).</summary>
    public double Cutoff { get; }

    /// <summary>The q-value of a p-value of the family; null when it is above <see cref="Cutoff"/> and so
    /// not known exactly (it is then greater than the cutoff).</summary>
    public double? QValue(double p)
    {
        int i = LastIndexAtOrBelow(p);
        if (_dropped && p > Cutoff) return null;
        if (i < 0 || _sorted[i] != p) throw new ArgumentException($"{p} is not a p-value of the family (or was above the cutoff)", nameof(p));
        double q = _suffixMin[i];
        return !_dropped || q <= Cutoff ? q : null;
    }

    /// <summary>Whether a p-value of the family is rejected at level <paramref name="alpha"/> (q &lt;= alpha),
    /// also for p-values above the cutoff (never rejected when alpha is at most the cutoff).</summary>
    public bool Rejects(double p, double alpha) => p <= RejectionThreshold(alpha);

    /// <summary>The largest p-value the step-up procedure rejects at <paramref name="alpha"/> (every p at or
    /// below it is rejected), or -1 when none is.</summary>
    public double RejectionThreshold(double alpha)
    {
        for (int i = _sorted.Length - 1; i >= 0; i--)
        {
            if (_sorted[i] <= (i + 1.0) / Tests * alpha) return _sorted[i];
        }
        return -1;
    }

    private int LastIndexAtOrBelow(double p)
    {
        int lo = 0, hi = _sorted.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (_sorted[mid] <= p)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }
}
