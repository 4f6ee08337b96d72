using System.Diagnostics;
using System.Globalization;
using GapLens.Core.Text;
using GapLens.IO.Csv;

/// <summary>
/// <c>GapLens.Bench float-parse &lt;inference.csv&gt; [runs]</c>: the score parsers on their own (the
/// siamese_score fields of the first 2M rows, in memory) and the whole read (InferenceCsv.ReadTable)
/// in both float precisions. Best of <c>runs</c> (default 5), wall and CPU time (the machine is shared,
/// CPU time is the steadier figure).
/// </summary>
internal static class FloatParseBench
{
    public static int Run(string[] args)
    {
        string path = args[0];
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var fields = new List<string>(2_000_000);
        using (var reader = new StreamReader(path))
        {
            reader.ReadLine();
            while (fields.Count < 2_000_000 && reader.ReadLine() is { } line) fields.Add(line[(line.LastIndexOf(',') + 1)..]);
        }
        Console.WriteLine(FormattableString.Invariant($"{path}: parsers alone on {fields.Count:N0} score fields (e.g. {fields[0]})"));
        Measure("double.TryParse (GapLens before: Trim + invariant, correctly rounded)", runs, fields.Count, () =>
        {
            double sum = 0;
            foreach (string f in fields) sum += double.TryParse(f.AsSpan().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0;
            return sum;
        });
        foreach (var precision in new[] { PandasFloatPrecision.High, PandasFloatPrecision.RoundTrip })
        {
            Measure($"PandasFloat.TryParse {precision}", runs, fields.Count, () =>
            {
                double sum = 0;
                foreach (string f in fields) sum += PandasFloat.TryParse(f, precision, out double v) ? v : 0;
                return sum;
            });
        }
        Measure("PandasColumn.Add High (parser + dtype inference)", runs, fields.Count, () =>
        {
            var column = new PandasColumn(PandasFloatPrecision.High);
            double sum = 0;
            foreach (string f in fields) sum += column.Add(f, out double v) ? v : 0;
            return sum;
        });
        long rows = 0;
        foreach (var precision in new[] { PandasFloatPrecision.High, PandasFloatPrecision.RoundTrip })
        {
            Measure($"InferenceCsv.ReadTable {precision} (whole file)", Math.Max(1, runs / 2), 0, () =>
            {
                var table = InferenceCsv.ReadTable(path, precision);
                rows = table.RowCount;
                return table.Scores[0];
            });
        }
        Console.WriteLine(FormattableString.Invariant($"  ({rows:N0} rows; {Environment.ProcessorCount} cores)"));
        return 0;
    }

    private static void Measure(string what, int runs, int n, Func<double> body)
    {
        body(); // warm-up
        double bestWall = double.MaxValue, bestCpu = double.MaxValue, check = 0;
        var process = Process.GetCurrentProcess();
        for (int r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            check = body();
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            bestWall = Math.Min(bestWall, wall);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu0).TotalSeconds);
        }
        string rate = n > 0 ? FormattableString.Invariant($", {n / bestCpu / 1e6:F1} M fields/s of CPU") : "";
        Console.WriteLine(FormattableString.Invariant($"  {what,-72} wall {bestWall:F3} s, CPU {bestCpu:F3} s{rate} (check {check:G6})"));
    }
}
