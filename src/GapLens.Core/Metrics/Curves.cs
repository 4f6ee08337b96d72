using System.Collections.Immutable;

namespace GapLens.Core.Metrics;

/// <summary>Curves and areas with scikit-learn semantics (rule <c>score &gt;= t</c>), from the sweep.</summary>
public static class Curves
{
    /// <summary><c>sklearn.metrics.precision_recall_curve</c> (1.2): precision 0 where nothing is
    /// predicted positive; recall 1 everywhere when there are no positives.</summary>
    public static PrCurve PrecisionRecall(ScoreSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        int n = sweep.DistinctScores.Length;
        var p = ImmutableArray.CreateBuilder<double>(n + 1);
        var r = ImmutableArray.CreateBuilder<double>(n + 1);
        for (int k = 0; k <= n; k++)
        {
            var (pk, rk) = PrecisionRecallPoint(sweep, k);
            p.Add(pk);
            r.Add(rk);
        }
        return new PrCurve(p.MoveToImmutable(), r.MoveToImmutable(), [.. sweep.DistinctScores]);
    }

    /// <summary>Point <paramref name="k"/> of <see cref="PrecisionRecall"/> without building the curve:
    /// k &lt; n is the k-th distinct score (rule <c>score &gt;= t</c>), k = n the final (1, 0).</summary>
    public static (double Precision, double Recall) PrecisionRecallPoint(ScoreSweep sweep, int k)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        if (k == sweep.DistinctScores.Length) return (1.0, 0.0);
        var (tp, fp) = AtOrAbove(sweep, k);
        return (Ratio.Defined(tp, tp + fp, ZeroDivision.Zero), Ratio.Defined(tp, sweep.Positives, ZeroDivision.One));
    }

    /// <summary>Positives and negatives scoring at or above the k-th distinct score (TP and FP of the
    /// rule <c>score &gt;= t</c>), without a confusion record per point.</summary>
    private static (long Tp, long Fp) AtOrAbove(ScoreSweep sweep, int k)
    {
        long posBelow = k == 0 ? 0 : sweep.PositivesAtOrBelow(k - 1);
        long negBelow = k == 0 ? 0 : sweep.NegativesAtOrBelow(k - 1);
        return (sweep.Positives - posBelow, sweep.Negatives - negBelow);
    }

    /// <summary><see cref="AveragePrecision(PrCurve)"/> of the sweep's curve, computed point by point
    /// (the same sum in the same order, so the same double) without building the curve.</summary>
    /// <remarks>
    /// A term (r_k - r_(k-1)) * p_(k-1) is zero unless the k-th step crosses positives (recall is
    /// TP / positives, and the TP at or above a score changes only at a tie group holding positives), and
    /// adding a zero leaves the sum as it is (the sum starts at +0.0, so it is never -0.0): only the
    /// steps where the positives' cumulative count moves are computed, in order, which on nearly
    /// distinct scores is one step in ten or fewer, and gives the same double.
    /// </remarks>
    public static double AveragePrecision(ScoreSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        int n = sweep.DistinctScores.Length;
        double sum = 0;
        long below = 0; // positives at or below the (k-2)-th distinct score
        for (int k = 1; k <= n; k++)
        {
            long belowNext = sweep.PositivesAtOrBelow(k - 1);
            // Without positives recall is 1 by convention at every point but the last (0): only the
            // last step counts.
            if (belowNext == below && (k < n || sweep.Positives > 0)) continue;
            below = belowNext;
            var (p0, r0) = PrecisionRecallPoint(sweep, k - 1);
            var (_, r) = PrecisionRecallPoint(sweep, k);
            sum += (r - r0) * p0;
        }
        return -sum;
    }

    /// <summary>
    /// The area under <see cref="Roc"/> (with drop_intermediate) as <see cref="Auc"/> gives it,
    /// computed point by point (the same points and sums in the same order, so the same double)
    /// without building the curve. Null when either class is absent (the rates are undefined).
    /// </summary>
    public static double? RocAuc(ScoreSweep sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        int n = sweep.DistinctScores.Length;
        long lastF = sweep.Negatives, lastT = sweep.Positives;
        if (n == 0 || lastF <= 0 || lastT <= 0) return null;
        // Point i walks the thresholds from the highest score down, as scikit-learn does.
        (long F, long T) Point(int i)
        {
            var (tp, fp) = AtOrAbove(sweep, n - 1 - i);
            return (fp, tp);
        }
        double area = 0, px = 0, py = 0; // from the prepended (0, 0)
        void Emit((long F, long T) point)
        {
            double x = (double)point.F / lastF, y = (double)point.T / lastT;
            area += (x - px) * (y + py) / 2.0;
            (px, py) = (x, y);
        }
        if (n <= 2)
        {
            for (int i = 0; i < n; i++) Emit(Point(i));
            return area;
        }
        var prev = Point(0);
        var cur = Point(1);
        Emit(prev);
        for (int i = 1; i < n - 1; i++)
        {
            var next = Point(i + 1);
            if (next.F - 2 * cur.F + prev.F != 0 || next.T - 2 * cur.T + prev.T != 0) Emit(cur);
            (prev, cur) = (cur, next);
        }
        Emit(cur);
        return area;
    }

    /// <summary><c>sklearn.metrics.roc_curve</c> (1.2), including <c>drop_intermediate</c>.</summary>
    public static RocCurve Roc(ScoreSweep sweep, bool dropIntermediate = true)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        int n = sweep.DistinctScores.Length;
        // scikit-learn walks thresholds from the highest score down.
        var fps = new List<long>(n);
        var tps = new List<long>(n);
        var th = new List<double>(n);
        for (int k = n - 1; k >= 0; k--)
        {
            var c = sweep.AtDistinctInclusive(k);
            fps.Add(c.Fp);
            tps.Add(c.Tp);
            th.Add(sweep.DistinctScores[k]);
        }
        if (dropIntermediate && fps.Count > 2)
        {
            var keep = new List<int> { 0 };
            for (int i = 1; i < fps.Count - 1; i++)
            {
                long d2f = fps[i + 1] - 2 * fps[i] + fps[i - 1];
                long d2t = tps[i + 1] - 2 * tps[i] + tps[i - 1];
                if (d2f != 0 || d2t != 0) keep.Add(i);
            }
            keep.Add(fps.Count - 1);
            fps = keep.ConvertAll(i => fps[i]);
            tps = keep.ConvertAll(i => tps[i]);
            th = keep.ConvertAll(i => th[i]);
        }
        fps.Insert(0, 0);
        tps.Insert(0, 0);
        th.Insert(0, th.Count > 0 ? th[0] + 1 : 1);
        long lastF = fps[^1], lastT = tps[^1];
        ImmutableArray<double>? fpr = lastF <= 0 ? null : [.. fps.Select(f => (double)f / lastF)];
        ImmutableArray<double>? tpr = lastT <= 0 ? null : [.. tps.Select(x => (double)x / lastT)];
        return new RocCurve(fpr, tpr, [.. th]);
    }

    /// <summary><c>sklearn.metrics.auc</c>: trapezoidal area; x must be monotonic (either direction).</summary>
    public static double Auc(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length < 2) throw new ArgumentException("auc needs at least 2 points of x and y of equal length", nameof(x));
        bool increasing = true, decreasing = true;
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i] < x[i - 1]) increasing = false;
            if (x[i] > x[i - 1]) decreasing = false;
        }
        if (!increasing && !decreasing) throw new ArgumentException("x is neither increasing nor decreasing", nameof(x));
        double area = 0;
        for (int i = 1; i < x.Length; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        return decreasing && !increasing ? -area : area;
    }

    /// <summary><c>sklearn.metrics.average_precision_score</c> (binary): -sum(diff(recall) * precision[:-1]).</summary>
    public static double AveragePrecision(PrCurve pr)
    {
        ArgumentNullException.ThrowIfNull(pr);
        double sum = 0;
        for (int i = 1; i < pr.Recall.Length; i++) sum += (pr.Recall[i] - pr.Recall[i - 1]) * pr.Precision[i - 1];
        return -sum;
    }
}
