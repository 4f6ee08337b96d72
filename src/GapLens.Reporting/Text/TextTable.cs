using System.Text;

namespace GapLens.Reporting.Text;

/// <summary>
/// A plain-text grid table: <c>+---+</c> rules, <c>| cell |</c> rows, each column as wide as its widest
/// cell or header, left-aligned with one space of padding (the TAO report layout). Lines end with \n.
/// </summary>
public static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            if (row.Count != headers.Count) throw new ArgumentException("every row needs one cell per header", nameof(rows));
            for (int i = 0; i < row.Count; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        }
        string rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        var sb = new StringBuilder();
        sb.Append(rule).Append('\n');
        AppendRow(sb, headers, widths);
        sb.Append(rule).Append('\n');
        foreach (var row in rows) AppendRow(sb, row, widths);
        sb.Append(rule).Append('\n');
        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        for (int i = 0; i < cells.Count; i++) sb.Append("| ").Append(cells[i].PadRight(widths[i])).Append(' ');
        sb.Append("|\n");
    }
}
