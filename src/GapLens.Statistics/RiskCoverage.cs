using System.Collections.Immutable;

namespace GapLens.Statistics;

/// <summary>Risk-coverage curves and their area (Geifman and El-Yaniv 2017; Geifman et al. 2019).</summary>
public static class RiskCoverage
{
    /// <summary>
    /// Sorts the samples by confidence, highest first. AURC = (1/n) sum over k = 1..n of the error rate
    /// of the k most confident samples. Within a group of tied confidences the order is not defined, so
    /// the expected value over all orders is used: the j-th of a group of g with e errors, after m
    /// samples with E errors, contributes (E + j e / g) / (m + j). Without ties this is the plain sum.
    /// The oracle's area, with e errors of n, is (1/n) sum over k &gt; n - e of (k - (n - e)) / k.
    /// </summary>
    public static RiskCoverageResult Compute(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct)
    {
        if (confidence.Length != correct.Length) throw new ArgumentException("one outcome per confidence", nameof(correct));
        int n = confidence.Length;
        if (n == 0) return new RiskCoverageResult([], 0, 0, null, null, null, "no samples");
        var keys = new double[n];
        var wrong = new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(confidence[i])) throw new ArgumentException("confidence must not be NaN", nameof(confidence));
            keys[i] = -confidence[i]; // ascending keys = descending confidence
            wrong[i] = !correct[i];
        }
        Array.Sort(keys, wrong);
        var curve = ImmutableArray.CreateBuilder<RiskCoveragePoint>();
        double area = 0;
        long seen = 0, errors = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            long groupErrors = 0;
            while (j < n && keys[j] == keys[i])
            {
                if (wrong[j]) groupErrors++;
                j++;
            }
            int g = j - i;
            for (int t = 1; t <= g; t++) area += (errors + (double)t * groupErrors / g) / (seen + t);
            seen += g;
            errors += groupErrors;
            curve.Add(new RiskCoveragePoint(-keys[i], seen, (double)seen / n, (double)errors / seen));
            i = j;
        }
        double aurc = area / n;
        double optimal = 0;
        long firstWrong = n - errors;
        for (long k = firstWrong + 1; k <= n; k++) optimal += (double)(k - firstWrong) / k;
        optimal /= n;
        return new RiskCoverageResult(curve.ToImmutable(), n, errors, aurc, optimal, aurc - optimal);
    }
}
