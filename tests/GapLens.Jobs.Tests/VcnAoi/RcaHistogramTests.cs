using GapLens.Core.Metrics;
using GapLens.Jobs.VcnAoi;

namespace GapLens.Jobs.Tests.VcnAoi;

public sealed class RcaHistogramTests
{
    [Fact]
    public void BinCountsFromTheSweepAreTheCountsOfBinningEveryRow()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = rng.Next(1, 3000);
            int distinct = rng.Next(3) == 0 ? rng.Next(1, 8) : 0; // ties in some trials
            double[] scores = [.. Enumerable.Range(0, n).Select(_ => distinct > 0 ? rng.Next(distinct) / 7.0 - 0.5 : rng.NextDouble() * rng.Next(1, 1000) - 3)];
            if (rng.Next(10) == 0) scores[rng.Next(n)] = -0.0;
            bool[] defect = [.. Enumerable.Range(0, n).Select(_ => rng.Next(5) == 0)];
            double min = scores.Min(), max = scores.Max();
            double width = (max > min ? max - min : 1) / 40;
            // Sometimes a span narrower than the scores (clamped at both ends), as a scaled axis can be.
            if (rng.Next(4) == 0) (min, width) = (min + (max - min) / 3, width / 2);
            int BinOf(double v) => Math.Clamp((int)((v - min) / width), 0, 39);
            var pass = new long[40];
            var noPass = new long[40];
            for (int i = 0; i < n; i++)
            {
                if (defect[i]) noPass[BinOf(scores[i])]++;
                else pass[BinOf(scores[i])]++;
            }
            var (p, np) = RcaReportBuilder.BinCounts(ScoreSweep.Build(scores, defect), BinOf);
            Assert.Equal(pass, p);
            Assert.Equal(noPass, np);
        }
    }
}
