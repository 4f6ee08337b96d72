using System.Diagnostics;
using GapLens.IO.Csv;

// Usage: GapLens.Bench csv-parse <inference.csv>
//   Parses the CSV with the parser vcn_aoi uses (first pass: scores and labels) and nothing else,
//   so scripts can compare a full run with the bare parse.
if (args.Length == 2 && args[0] == "csv-parse")
{
    var clock = Stopwatch.StartNew();
    var table = InferenceCsv.ReadTable(args[1]);
    Console.WriteLine(System.FormattableString.Invariant($"parsed {table.RowCount} rows, {table.Labels.Length} labels in {clock.Elapsed.TotalSeconds:F3} s"));
    return 0;
}
Console.Error.WriteLine("usage: GapLens.Bench csv-parse <inference.csv>");
return 2;
