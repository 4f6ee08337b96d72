using System.Collections.Immutable;

namespace GapLens.Statistics;

public static class Calibration
{
    /// <summary>
    /// Brier score (sklearn brier_score_loss), expected calibration error (sum over bins of
    /// |accuracy - confidence| weighted by the bin's share) and maximum calibration error, with the
    /// reliability-diagram data. Empty bins are left out.
    /// </summary>
    public static CalibrationResult Evaluate(ReadOnlySpan<double> probability, ReadOnlySpan<bool> outcome, int bins = 10, BinStrategy strategy = BinStrategy.EqualWidth)
    {
        if (probability.Length != outcome.Length) throw new ArgumentException("one outcome per probability", nameof(outcome));
        int n = probability.Length;
        if (n == 0) throw new ArgumentException("no samples", nameof(probability));
        double brier = 0;
        for (int i = 0; i < n; i++) brier += Math.Pow(probability[i] - (outcome[i] ? 1 : 0), 2);
        brier /= n;
        var bin = new int[n];
        if (strategy == BinStrategy.EqualWidth)
        {
            for (int i = 0; i < n; i++)
            {
                int b = 0;
                // numpy.linspace(0, 1, bins + 1) edges are e * (1 / bins): 0.30000000000000004, not 0.3.
                for (int e = 1; e < bins; e++) if (probability[i] >= e * (1.0 / bins)) b = e;
                bin[i] = b;
            }
        }
        else
        {
            var p = probability.ToArray();
            var order = Enumerable.Range(0, n).OrderBy(i => p[i]).ToArray(); // stable, as numpy's argsort(kind="stable")
            int baseSize = n / bins, extra = n % bins, at = 0;
            for (int b = 0; b < bins; b++)
            {
                int size = baseSize + (b < extra ? 1 : 0);
                for (int k = 0; k < size; k++) bin[order[at++]] = b;
            }
        }
        var list = ImmutableArray.CreateBuilder<CalibrationBin>();
        double ece = 0, mce = 0;
        for (int b = 0; b < bins; b++)
        {
            int count = 0;
            double conf = 0, acc = 0;
            for (int i = 0; i < n; i++)
            {
                if (bin[i] != b) continue;
                count++;
                conf += probability[i];
                acc += outcome[i] ? 1 : 0;
            }
            if (count == 0) continue;
            conf /= count;
            acc /= count;
            double gap = Math.Abs(acc - conf);
            ece += (double)count / n * gap;
            mce = Math.Max(mce, gap);
            list.Add(new CalibrationBin(count, conf, acc));
        }
        return new CalibrationResult(brier, ece, mce, list.ToImmutable(), strategy);
    }
}
