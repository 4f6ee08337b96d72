using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>
/// Area under the ROC curve with scikit-learn's semantics (<c>roc_auc_score</c>: the trapezoidal area,
/// so a tie between a positive and a negative counts one half), optionally with sample weights, and
/// DeLong's interval for the unweighted area.
/// </summary>
public static class Auroc
{
    /// <summary>
    /// sklearn.metrics.roc_auc_score(positive, scores) and DeLong's (1988) two-sided interval: the
    /// variance S10/m + S01/n from the placement values (midranks, so ties count one half), a normal
    /// interval clipped to [0, 1]. The interval is null when either class has fewer than 2 members.
    /// </summary>
    public static AurocResult Compute(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, double level = 0.95)
    {
        Check(scores, positive);
        int n = scores.Length;
        int m = 0;
        foreach (bool p in positive) m += p ? 1 : 0;
        int k = n - m;
        if (m == 0 || k == 0) return AurocResult.Undefined(m == 0 ? "no positive samples: the ROC curve is undefined" : "no negative samples: the ROC curve is undefined", m, k);
        var all = Descriptive.Rank(scores);
        var pos = new double[m];
        var neg = new double[k];
        for (int i = 0, a = 0, b = 0; i < n; i++)
        {
            if (positive[i]) pos[a++] = scores[i];
            else neg[b++] = scores[i];
        }
        var rPos = Descriptive.Rank(pos);
        var rNeg = Descriptive.Rank(neg);
        // Placement values: V10 for a positive = share of negatives below it (ties one half); V01 for a
        // negative = share of positives above it.
        var v10 = new double[m];
        var v01 = new double[k];
        double sumPosRanks = 0;
        for (int i = 0, a = 0, b = 0; i < n; i++)
        {
            if (positive[i])
            {
                sumPosRanks += all[i];
                v10[a] = (all[i] - rPos[a]) / k;
                a++;
            }
            else
            {
                v01[b] = 1.0 - (all[i] - rNeg[b]) / m;
                b++;
            }
        }
        double auc = (sumPosRanks - m * (m + 1.0) / 2.0) / ((double)m * k);
        Interval? ci = null;
        if (m >= 2 && k >= 2)
        {
            double s10 = Descriptive.Std(v10, 1)!.Value, s01 = Descriptive.Std(v01, 1)!.Value;
            double var = s10 * s10 / m + s01 * s01 / k;
            double half = Normal.InvCDF(0, 1, 1 - (1 - level) / 2) * Math.Sqrt(var);
            ci = new Interval(Math.Max(0, auc - half), Math.Min(1, auc + half), level, "delong");
        }
        return new AurocResult(auc, ci, m, k);
    }

    /// <summary>
    /// sklearn.metrics.roc_auc_score(positive, scores, sample_weight=weights): each sample counts with
    /// its weight (zero weights allowed, negative ones not). A sample can be split into a positive and a
    /// negative part by passing it twice. No interval.
    /// </summary>
    public static AurocResult Weighted(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights)
    {
        Check(scores, positive);
        if (weights.Length != scores.Length) throw new ArgumentException("one weight per score", nameof(weights));
        int n = scores.Length;
        var keys = scores.ToArray();
        var idx = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!(weights[i] >= 0) || double.IsInfinity(weights[i])) throw new ArgumentException("weights must be finite and non-negative", nameof(weights));
            idx[i] = i;
        }
        Array.Sort(keys, idx);
        double below = 0, area = 0, totalPos = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            double groupPos = 0, groupNeg = 0;
            while (j < n && keys[j] == keys[i])
            {
                if (positive[idx[j]]) groupPos += weights[idx[j]];
                else groupNeg += weights[idx[j]];
                j++;
            }
            area += groupPos * (below + 0.5 * groupNeg);
            below += groupNeg;
            totalPos += groupPos;
            i = j;
        }
        if (totalPos <= 0 || below <= 0)
        {
            return AurocResult.Undefined(totalPos <= 0 ? "no positive weight: the ROC curve is undefined" : "no negative weight: the ROC curve is undefined", totalPos, below);
        }
        return new AurocResult(area / (totalPos * below), null, totalPos, below);
    }

    private static void Check(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length) throw new ArgumentException("one label per score", nameof(positive));
        foreach (double s in scores)
        {
            if (double.IsNaN(s)) throw new ArgumentException("scores must not be NaN", nameof(scores));
        }
    }
}
