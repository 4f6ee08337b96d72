using System.Diagnostics;
using System.Globalization;
using GapLens.IO.Tables;
using GapLens.Slices;

namespace GapLens.Bench;

/// <summary>
/// <c>slices &lt;table&gt; &lt;outcome&gt; &lt;features|-&gt; [min_support] [runs]</c>: reads a table as
/// <c>gaplens slices</c> does (timed), then the slice search (best of runs), and prints what it found.
/// <c>slices-synthetic &lt;rows&gt; &lt;features&gt; &lt;values&gt; [runs]</c>: the search alone on generated
/// categorical features (one byte per sample), all 1- and 2-predicate slices (issue 16's target).
/// </summary>
internal static class SlicesBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        FeatureTable table;
        int? minSupport = null;
        int runs;
        var clock = Stopwatch.StartNew();
        if (args[0] == "slices-codes")
        {
            string dir = args[1];
            int features = int.Parse(args[2], ic), values = int.Parse(args[3], ic);
            runs = args.Length > 4 ? int.Parse(args[4], ic) : 3;
            table = Codes(dir, features, values);
            Console.WriteLine(string.Create(ic, $"read {table.RowCount:#,0} rows x {features} features ({values} values each) of one-byte codes in {clock.Elapsed.TotalSeconds:F2} s; encoded table {table.MemoryBytes / 1048576.0:F0} MiB"));
        }
        else if (args[0] == "slices-synthetic")
        {
            int rows = int.Parse(args[1], ic), features = int.Parse(args[2], ic), values = int.Parse(args[3], ic);
            runs = args.Length > 4 ? int.Parse(args[4], ic) : 3;
            table = Synthetic(rows, features, values);
            Console.WriteLine(string.Create(ic, $"generated {rows:#,0} rows x {features} features ({values} values each) in {clock.Elapsed.TotalSeconds:F2} s; encoded table {table.MemoryBytes / 1048576.0:F0} MiB"));
        }
        else
        {
            string path = args[1];
            var options = new SliceTableOptions { Outcome = args[2], Features = args[3] == "-" ? [] : [.. args[3].Split(',')] };
            minSupport = args.Length > 4 ? int.Parse(args[4], ic) : null;
            runs = args.Length > 5 ? int.Parse(args[5], ic) : 3;
            var builder = new FeatureTableBuilder(path, options);
            await TableFile.ReadAsync(path, builder, null, CancellationToken.None);
            table = builder.Finish();
            double read = clock.Elapsed.TotalSeconds;
            // The reader alone (cells parsed, handed to a sink that keeps nothing): the rest of the read is the encoding.
            clock.Restart();
            await TableFile.ReadAsync(path, new NullSink(), null, CancellationToken.None);
            double alone = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var again = new FeatureTableBuilder(path, options);
            await TableFile.ReadAsync(path, again, null, CancellationToken.None);
            again.Finish();
            Console.WriteLine(string.Create(ic, $"read {table.RowCount:#,0} rows x {table.Features.Length} features in {read:F2} s (again: {clock.Elapsed.TotalSeconds:F2} s; the table reader alone: {alone:F2} s); encoded table {table.MemoryBytes / 1048576.0:F0} MiB"));
        }
        var search = new SliceOptions { MaxOrder = 2, MinSupport = minSupport };
        double best = double.MaxValue;
        SliceAnalysis? a = null;
        for (int r = 0; r < runs; r++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            clock.Restart();
            a = SliceFinder.Find(table, search);
            double s = clock.Elapsed.TotalSeconds;
            best = Math.Min(best, s);
            Console.WriteLine(string.Create(ic, $"  search run {r + 1}: {s:F3} s wall, {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F3} s CPU"));
        }
        Console.WriteLine(string.Create(ic,
            $"search: {a!.Tested:#,0} slices tested (order 1: {a.TestedByOrder[1]:#,0}, order 2: {a.TestedByOrder[2]:#,0}), {a.SignificantWorse:#,0} worse and {a.SignificantBetter:#,0} better at q <= 0.05, min support {a.MinSupport:#,0}; best of {runs}: {best:F3} s on {Environment.ProcessorCount} cores; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        Phases(table, a.MinSupport);
        if (a.WorseForSure.FirstOrDefault() is { } w)
        {
            Console.WriteLine(string.Create(ic, $"rank 1: {w.Label}: {w.Size:#,0} samples, failure rate {w.FailureRate:F4} vs {w.RestFailureRate:F4}, q {w.QValue:E3}"));
        }
        Console.WriteLine(string.Create(ic, $"RESULT tested={a.Tested} worse={a.SignificantWorse} better={a.SignificantBetter} seconds={best:R}"));
        return 0;
    }

    /// <summary>Where the search's time goes: the level-1 counts (and the duplicate check), the pair counts
    /// (a search run whose visitor only counts the slices), the rest is the statistics and rankings; and the
    /// pair counts by the triple kernel against one table per pair (the kernel before it).</summary>
    private static void Phases(FeatureTable table, int minSupport)
    {
        var ic = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var search = new SliceSearch(table, minSupport, 2, CancellationToken.None);
        double level1 = clock.Elapsed.TotalSeconds;
        var counter = new CountOnly();
        clock.Restart();
        search.Run(counter, CancellationToken.None);
        double counts = clock.Elapsed.TotalSeconds;
        int k = table.OutcomeClasses.Length;
        var pairs = new List<(int A, int B)>();
        for (int x = 0; x < table.Features.Length; x++)
        {
            for (int z = x + 1; z < table.Features.Length; z++)
            {
                if (!table.Features[x].IsList && !table.Features[z].IsList && search.Frequent[x].Length > 0 && search.Frequent[z].Length > 0) pairs.Add((x, z));
            }
        }
        var cpu = Environment.CpuUsage.TotalTime;
        clock.Restart();
        var triples = TripleKernel.Count(table, pairs, search.Map, search.Frequent, k, CancellationToken.None);
        double tripleSeconds = clock.Elapsed.TotalSeconds, tripleCpu = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        cpu = Environment.CpuUsage.TotalTime;
        clock.Restart();
        var perPair = new List<long[]>();
        foreach (var group in PairKernel.Groups(pairs, (x, z) => (search.Frequent[x].Length + 1) * (search.Frequent[z].Length + 1) * k))
        {
            perPair.AddRange(PairKernel.Count(table, group, search.Map, search.Frequent, k, CancellationToken.None));
        }
        double pairSeconds = clock.Elapsed.TotalSeconds, pairCpu = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        bool same = triples.Length == perPair.Count && triples.Zip(perPair).All(p => p.First.AsSpan().SequenceEqual(p.Second));
        Console.WriteLine(string.Create(ic, $"phases: level-1 counts and duplicate check {level1:F3} s; counting every slice (no statistics) {counts:F3} s ({counter.Slices:#,0} slices)"));
        Console.WriteLine(string.Create(ic, $"pair counts of {pairs.Count:#,0} pairs: triple kernel ({TripleKernel.Cover(table, pairs, k).Count(u => u.C >= 0)} triples, {TripleKernel.Cover(table, pairs, k).Count(u => u.C < 0)} pairs alone) {tripleSeconds:F3} s wall, {tripleCpu:F3} s CPU; one table per pair {pairSeconds:F3} s wall, {pairCpu:F3} s CPU; identical tables: {(same ? "yes" : "NO")}"));
    }

    /// <summary>Takes every column and keeps nothing: what the table reader costs by itself.</summary>
    private sealed class NullSink : ITableSink
    {
        private int _columns;

        public int Column(string name) => _columns++;

        public void BeginRow(long line)
        {
        }

        public void Text(int column, ReadOnlySpan<char> value)
        {
        }

        public void Number(int column, double value)
        {
        }

        public void Bool(int column, bool value)
        {
        }

        public void Null(int column)
        {
        }

        public void List(int column, IReadOnlyList<string> items)
        {
        }

        public void EndRow()
        {
        }
    }

    /// <summary>Counts the slices a search finds, no statistics.</summary>
    private sealed class CountOnly : ISliceVisitor
    {
        public long Slices { get; private set; }

        public void Visit(ReadOnlySpan<Predicate> predicates, ReadOnlySpan<long> counts) => Slices++;
    }

    /// <summary>Feature codes written by bench/slices_bench.py --synthetic (codes.u8: one byte per sample,
    /// feature after feature; outcome.u8: 0 correct, 1 wrong), so GapLens and pandas count the same table.</summary>
    private static FeatureTable Codes(string dir, int features, int values)
    {
        var outcome = File.ReadAllBytes(Path.Combine(dir, "outcome.u8"));
        int rows = outcome.Length;
        var names = Enumerable.Range(0, values).Select(v => "v" + v.ToString(CultureInfo.InvariantCulture)).ToArray();
        using var codes = File.OpenRead(Path.Combine(dir, "codes.u8"));
        var columns = new FeatureColumn[features];
        for (int f = 0; f < features; f++)
        {
            var c = new byte[rows];
            codes.ReadExactly(c);
            columns[f] = FeatureColumn.Categorical("f" + f.ToString(CultureInfo.InvariantCulture), names, c);
        }
        return new FeatureTable(columns, outcome, ["correct", "wrong"]);
    }

    /// <summary>Independent uniform features; failures at 20%, 60% where feature 0 = 1 and feature 1 = 2.</summary>
    private static FeatureTable Synthetic(int rows, int features, int values)
    {
        var columns = new FeatureColumn[features];
        var names = Enumerable.Range(0, values).Select(v => "v" + v.ToString(CultureInfo.InvariantCulture)).ToArray();
        var rng = new Random(16);
        var codes = new byte[features][];
        for (int f = 0; f < features; f++)
        {
            codes[f] = new byte[rows];
            for (int i = 0; i < rows; i++) codes[f][i] = (byte)rng.Next(values);
            columns[f] = FeatureColumn.Categorical("f" + f.ToString(CultureInfo.InvariantCulture), names, codes[f]);
        }
        var outcome = new byte[rows];
        for (int i = 0; i < rows; i++)
        {
            double p = codes[0][i] == 1 && codes[1][i] == 2 ? 0.6 : 0.2;
            outcome[i] = rng.NextDouble() < p ? (byte)1 : (byte)0;
        }
        return new FeatureTable(columns, outcome, ["correct", "wrong"]);
    }
}
