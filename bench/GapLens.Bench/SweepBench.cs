using System.Diagnostics;
using GapLens.Core.Metrics;
using GapLens.IO.Csv;

namespace GapLens.Bench;

/// <summary>
/// <c>GapLens.Bench sweep &lt;inference.csv&gt; [runs]</c>: the tie groups (ScoreSweep.Build: radix
/// sort of each class, merge) of an inference.csv's scores, timed alone in a warm process, best of
/// the runs; the scores are read once first and not timed. Then the radix sort alone on the keys of
/// all the scores, on one thread, best of the runs.
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
        // The radix sort alone, on the keys of all scores (one thread), best of the runs.
        var keys = new ulong[table.RowCount];
        var scratch = new ulong[table.RowCount];
        double sortBest = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            for (int i = 0; i < keys.Length; i++) keys[i] = RadixSort.KeyOf(table.Scores[i]);
            var clock = Stopwatch.StartNew();
            RadixSort.Sort(keys, scratch);
            sortBest = Math.Min(sortBest, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(FormattableString.Invariant($"radix sort of the {keys.Length:#,0} keys on one thread: best {sortBest:F4} s"));
        double segmentsBest = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            for (int i = 0; i < keys.Length; i++) keys[i] = RadixSort.KeyOf(table.Scores[i]);
            var clock = Stopwatch.StartNew();
            RadixSort.SortSegments(keys, scratch, (0, keys.Length));
            segmentsBest = Math.Min(segmentsBest, clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine(FormattableString.Invariant($"the same keys on every core ({Environment.ProcessorCount}): best {segmentsBest:F4} s"));
        return 0;
    }
}
