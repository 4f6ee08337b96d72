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
        var t = ImmutableArray.CreateBuilder<double>(n);
        for (int k = 0; k < n; k++)
        {
            var c = sweep.AtDistinctInclusive(k);
            p.Add(Ratio.Defined(c.Tp, c.Tp + c.Fp, ZeroDivision.Zero));
            r.Add(Ratio.Defined(c.Tp, sweep.Positives, ZeroDivision.One));
            t.Add(sweep.DistinctScores[k]);
        }
        p.Add(1.0);
        r.Add(0.0);
        return new PrCurve(p.MoveToImmutable(), r.MoveToImmutable(), t.MoveToImmutable());
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
