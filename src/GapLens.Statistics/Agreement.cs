using GapLens.Core.Metrics;

namespace GapLens.Statistics;

/// <summary>Inter-rater agreement, matching scikit-learn and statsmodels.</summary>
public static class Agreement
{
    /// <summary>
    /// sklearn.metrics.cohen_kappa_score: categories are the sorted union of both raters' labels;
    /// linear/quadratic weights use the distance between category positions. Use weighted kappa for
    /// ordinal scales (1-5 scores): a 4 vs 5 disagreement is not a 1 vs 5 one.
    /// </summary>
    public static AgreementResult CohenKappa(ReadOnlySpan<double> a, ReadOnlySpan<double> b, KappaWeights weights = KappaWeights.None)
    {
        if (a.Length != b.Length) throw new ArgumentException("raters must rate the same items", nameof(b));
        if (a.IsEmpty) return AgreementResult.Undefined("no items");
        var labels = a.ToArray().Concat(b.ToArray()).Distinct().Order().ToArray();
        int k = labels.Length;
        var o = new double[k, k];
        for (int i = 0; i < a.Length; i++) o[Array.BinarySearch(labels, a[i]), Array.BinarySearch(labels, b[i])]++;
        var rowSum = new double[k];
        var colSum = new double[k];
        double total = a.Length;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                rowSum[i] += o[i, j];
                colSum[j] += o[i, j];
            }
        }
        double num = 0, den = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double w = weights switch
                {
                    KappaWeights.None => i == j ? 0 : 1,
                    KappaWeights.Linear => Math.Abs(i - j),
                    _ => (i - j) * (i - j),
                };
                num += w * o[i, j];
                den += w * rowSum[i] * colSum[j] / total;
            }
        }
        if (den == 0) return AgreementResult.Undefined("only one category is used: chance agreement is total, kappa is undefined");
        return AgreementResult.Of(1 - num / den);
    }

    /// <summary>statsmodels fleiss_kappa(table, method="fleiss"): rows are items, columns categories,
    /// cells the number of raters choosing it (the same number of raters per item).</summary>
    public static AgreementResult FleissKappa(long[][] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int nSub = table.Length;
        if (nSub == 0) return AgreementResult.Undefined("no items");
        int nCat = table[0].Length;
        double nRat = table[0].Sum();
        if (nRat < 2) return AgreementResult.Undefined("fewer than 2 raters per item");
        var pCat = new double[nCat];
        double pMean = 0;
        foreach (var row in table)
        {
            if (row.Sum() != nRat) throw new ArgumentException("every item needs the same number of ratings", nameof(table));
            double sq = 0;
            for (int j = 0; j < nCat; j++)
            {
                pCat[j] += row[j];
                sq += (double)row[j] * row[j];
            }
            pMean += (sq - nRat) / (nRat * (nRat - 1));
        }
        pMean /= nSub;
        double pExp = pCat.Sum(c => Math.Pow(c / (nSub * nRat), 2));
        if (pExp == 1) return AgreementResult.Undefined("only one category is used: kappa is undefined");
        return AgreementResult.Of((pMean - pExp) / (1 - pExp));
    }

    /// <summary>
    /// Krippendorff's alpha from the coincidence matrix (Krippendorff 2011): any number of raters,
    /// missing ratings as null (units with fewer than 2 ratings are not pairable and are left out),
    /// nominal, ordinal or interval distances.
    /// </summary>
    public static AgreementResult KrippendorffAlpha(double?[][] ratingsByRater, AlphaLevel level)
    {
        ArgumentNullException.ThrowIfNull(ratingsByRater);
        if (ratingsByRater.Length == 0) return AgreementResult.Undefined("no raters");
        int units = ratingsByRater[0].Length;
        var values = ratingsByRater.SelectMany(r => r).Where(v => v.HasValue).Select(v => v!.Value).Distinct().Order().ToArray();
        int v = values.Length;
        var o = new double[v, v];
        for (int u = 0; u < units; u++)
        {
            var present = ratingsByRater.Select(r => r[u]).Where(x => x.HasValue).Select(x => Array.BinarySearch(values, x!.Value)).ToList();
            int m = present.Count;
            if (m < 2) continue;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    if (i != j) o[present[i], present[j]] += 1.0 / (m - 1);
                }
            }
        }
        var nc = new double[v];
        double n = 0;
        for (int c = 0; c < v; c++)
        {
            for (int k = 0; k < v; k++) nc[c] += o[c, k];
            n += nc[c];
        }
        if (n < 2) return AgreementResult.Undefined("fewer than 2 pairable ratings");
        double Delta(int c, int k)
        {
            if (c == k) return 0;
            return level switch
            {
                AlphaLevel.Nominal => 1,
                AlphaLevel.Interval => (values[c] - values[k]) * (values[c] - values[k]),
                _ => Ordinal(c, k),
            };
        }
        double Ordinal(int c, int k)
        {
            int lo = Math.Min(c, k), hi = Math.Max(c, k);
            double s = 0;
            for (int g = lo; g <= hi; g++) s += nc[g];
            s -= (nc[lo] + nc[hi]) / 2;
            return s * s;
        }
        double observed = 0, expected = 0;
        for (int c = 0; c < v; c++)
        {
            for (int k = 0; k < v; k++)
            {
                double d = Delta(c, k);
                observed += o[c, k] * d;
                expected += nc[c] * nc[k] * d;
            }
        }
        if (expected == 0) return AgreementResult.Undefined("no variation in the ratings: alpha is undefined");
        return AgreementResult.Of(1 - (n - 1) * observed / expected);
    }

    /// <summary>Agreement of two raters on a binary rule derived from scores (e.g. pass = score &gt;= 4):
    /// the confusion counts (rater a as reference), accuracy, TPR, TNR and Cohen's kappa.</summary>
    public static (BinaryConfusion Counts, MetricValue Accuracy, MetricValue Tpr, MetricValue Tnr, AgreementResult Kappa) BinaryRule(
        ReadOnlySpan<double> reference, ReadOnlySpan<double> other, double passAtOrAbove = GapLens.Core.AnalysisDefaults.PassAtOrAbove)
    {
        if (reference.Length != other.Length) throw new ArgumentException("raters must rate the same items", nameof(other));
        long tp = 0, fp = 0, tn = 0, fn = 0;
        var a = new double[reference.Length];
        var b = new double[reference.Length];
        for (int i = 0; i < reference.Length; i++)
        {
            bool r = reference[i] >= passAtOrAbove, o = other[i] >= passAtOrAbove;
            a[i] = r ? 1 : 0;
            b[i] = o ? 1 : 0;
            if (r && o) tp++;
            else if (!r && o) fp++;
            else if (!r && !o) tn++;
            else fn++;
        }
        var c = new BinaryConfusion(tp, fp, tn, fn);
        return (c, c.Accuracy(), c.Recall(), c.Specificity(), CohenKappa(a, b));
    }
}
