namespace GapLens.Statistics;

/// <summary>
/// The p-values of a family of tests collected one at a time (e.g. every slice a search tests), for
/// Benjamini-Hochberg q-values (statsmodels multipletests "fdr_bh") in bounded memory. Every p-value
/// is kept until <see cref="Capacity"/> is reached; then only the smaller half is kept and the
/// larger ones are only counted. This keeps every q-value at or below the <see cref="Cutoff"/> exact: the
/// q-value of p is the minimum over p' &gt;= p of p'·m / rank(p'), and a dropped p' (above the cutoff)
/// contributes at least p' &gt; cutoff. Values at or below <c>floor</c> are never dropped, so every
/// decision at a level up to the floor stays exact.
/// </summary>
public sealed class BenjaminiHochbergFamily
{
    private readonly double _floor;
    private double[] _kept;
    private int _count;
    private long _dropped;
    private double _cutoff = 1.0;

    /// <param name="capacity">How many p-values to keep before dropping the larger half (at least 16).</param>
    /// <param name="floor">p-values at or below this are always kept (e.g. the significance level).</param>
    public BenjaminiHochbergFamily(int capacity = 1 << 20, double floor = Core.AnalysisDefaults.Alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        Capacity = capacity;
        _floor = floor;
        _kept = new double[Math.Min(capacity, 1024)];
    }

    public int Capacity { get; }

    /// <summary>Tests added so far (m).</summary>
    public long Count => _count + _dropped;

    /// <summary>p-values above this were counted, not kept (1 while nothing was dropped).</summary>
    public double Cutoff => _cutoff;

    /// <summary>Adds one test's p-value (in [0, 1]).</summary>
    public void Add(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a p-value must be in [0, 1]");
        if (p > _cutoff)
        {
            _dropped++;
            return;
        }
        if (_count == _kept.Length)
        {
            if (_count >= Capacity) Shrink();
            if (_count == _kept.Length) Array.Resize(ref _kept, (int)Math.Min((long)_kept.Length * 2, Array.MaxLength));
            if (p > _cutoff)
            {
                _dropped++;
                return;
            }
        }
        _kept[_count++] = p;
    }

    /// <summary>Keeps the smaller half (never a value at or below the floor, never splitting ties).</summary>
    private void Shrink()
    {
        Array.Sort(_kept, 0, _count);
        int keep = _count / 2;
        double limit = _kept[keep - 1];
        if (limit < _floor) limit = _floor;
        int n = keep;
        while (n < _count && _kept[n] <= limit) n++;
        if (n == _count) return; // nothing above the limit: grow instead
        _dropped += _count - n;
        _count = n;
        _cutoff = limit;
    }

    /// <summary>The q-values: sorts what was kept once.</summary>
    public BenjaminiHochbergQValues Finish()
    {
        var sorted = _kept.AsSpan(0, _count).ToArray();
        Array.Sort(sorted);
        return new BenjaminiHochbergQValues(sorted, Count, _cutoff, _dropped > 0);
    }
}
