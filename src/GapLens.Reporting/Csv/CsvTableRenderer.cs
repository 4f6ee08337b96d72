using System.Globalization;
using System.Text;
using GapLens.Core.Reports;

namespace GapLens.Reporting.Csv;

/// <summary>
/// A report table as CSV (RFC 4180, "\n" line ends, UTF-8): one column per table column, numbers at
/// full precision (round-trip "R"), an interval as two extra columns (id_ci95_lower, id_ci95_upper),
/// undefined as an empty field. For spreadsheets and scripts, not for reading.
/// </summary>
public static class CsvTableRenderer
{
    public static string Render(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var withInterval = new bool[table.Columns.Length];
        foreach (var row in table.Rows)
        {
            for (int i = 0; i < row.Length && i < withInterval.Length; i++) withInterval[i] |= row[i] is NumberCell { Interval: not null };
        }
        var sb = new StringBuilder();
        var header = new List<string>();
        for (int i = 0; i < table.Columns.Length; i++)
        {
            header.Add(table.Columns[i].Id);
            if (withInterval[i]) header.AddRange([table.Columns[i].Id + "_ci95_lower", table.Columns[i].Id + "_ci95_upper"]);
        }
        Line(sb, header);
        foreach (var row in table.Rows)
        {
            var fields = new List<string>();
            for (int i = 0; i < row.Length; i++)
            {
                if (row[i] is NumberCell n)
                {
                    fields.Add(N(n.Value));
                    if (i < withInterval.Length && withInterval[i]) fields.AddRange([N(n.Interval?.Lower), N(n.Interval?.Upper)]);
                }
                else
                {
                    fields.Add(row[i] is ImageCell img ? img.Path ?? "" : row[i].Text);
                }
            }
            Line(sb, fields);
        }
        return sb.ToString();
    }

    private static string N(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static void Line(StringBuilder sb, IEnumerable<string> fields)
    {
        sb.Append(string.Join(',', fields.Select(Quote))).Append('\n');
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
