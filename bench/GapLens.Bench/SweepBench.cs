using System.Diagnostics;
using GapLens.Core.Metrics;
using GapLens.IO.Csv;

namespace GapLens.Bench;

/// <summary>
/// <c>GapLens.Bench sweep &lt;inference.csv&gt; [runs]</c>: the tie groups (ScoreSweep.Build: radix
/// sort of each class, merge) of an inference.csv's scores, timed alone in a warm process, best of
/// the runs; the scores are read once first and not timed.
/// </summary>
internal static class SweepBench
{
    public static int Run(string[] args)
    {
        var table = InferenceCsv.ReadTable(args[0]);
        int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
        var flags = table.NoPassFlags();
        double best = double.MaxValue;
        int groups = 0;
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            groups = ScoreSweep.Build(table.Scores, flags).DistinctScores.Length;
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(FormattableString.Invariant($"tie groups of {table.RowCount:#,0} scores ({groups:#,0} distinct): best {best:F4} s of {runs} runs"));
        return 0;
    }
}
