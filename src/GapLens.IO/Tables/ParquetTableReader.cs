using System.Globalization;
using GapLens.Core;
using GapLens.IO.Files;
using Parquet;
using Parquet.Schema;

namespace GapLens.IO.Tables;

/// <summary>
/// A Parquet file streamed into an <see cref="ITableSink"/> one row group at a time: scalar columns
/// (strings, booleans, integers, floating point, decimals; dates and times as ISO text) and lists of
/// scalars. Nested fields are named by their dotted path. Maps and lists of structs are not passed on:
/// they are returned with the reason.
/// </summary>
internal static class ParquetTableReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, ITableSink sink, CancellationToken ct)
    {
        await using var stream = InputFile.OpenForReading(path, "table", "a Parquet file");
        ParquetReader? reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new UserInputException($"{path}: not a readable Parquet file ({ex.Message})");
        }
        var skipped = new List<string>();
        await using (reader)
        {
            var fields = new List<(DataField Field, int Column, bool List)>();
            foreach (var field in reader.Schema.GetDataFields())
            {
                string name = field.Path.ToString();
                if (field.MaxRepetitionLevel > 1)
                {
                    skipped.Add($"{name}: nested lists are not read");
                    continue;
                }
                if (!Supported(field.ClrType))
                {
                    skipped.Add($"{name}: values of type {field.ClrType.Name} are not read");
                    continue;
                }
                int column = sink.Column(name);
                if (column >= 0) fields.Add((field, column, field.MaxRepetitionLevel == 1));
            }
            long first = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                ct.ThrowIfCancellationRequested();
                using var group = reader.OpenRowGroupReader(g);
                int rows = checked((int)group.RowCount);
                var cells = new List<Cells>(fields.Count);
                foreach (var (field, column, list) in fields) cells.Add(await ReadColumnAsync(path, group, field, rows, list, ct).ConfigureAwait(false));
                for (int r = 0; r < rows; r++)
                {
                    sink.BeginRow(first + r + 1);
                    for (int c = 0; c < fields.Count; c++) cells[c].Push(sink, fields[c].Column, r);
                    sink.EndRow();
                }
                first += rows;
            }
        }
        return skipped;
    }

    private static bool Supported(Type t) =>
        t == typeof(string) || t == typeof(bool) || t == typeof(double) || t == typeof(float) || t == typeof(decimal)
        || t == typeof(sbyte) || t == typeof(byte) || t == typeof(short) || t == typeof(ushort) || t == typeof(int) || t == typeof(uint)
        || t == typeof(long) || t == typeof(ulong) || t == typeof(DateTime) || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan);

    /// <summary>One column of a row group as the sink will receive it.</summary>
    private abstract class Cells
    {
        public abstract void Push(ITableSink sink, int column, int row);
    }

    private sealed class ScalarCells(object?[] values) : Cells
    {
        public override void Push(ITableSink sink, int column, int row)
        {
            switch (values[row])
            {
                case null:
                    sink.Null(column);
                    break;
                case string s:
                    sink.Text(column, s);
                    break;
                case bool b:
                    sink.Bool(column, b);
                    break;
                case double d:
                    sink.Number(column, d);
                    break;
                case var other:
                    sink.Text(column, Convert.ToString(other, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private sealed class ListCells(List<string>[] lists) : Cells
    {
        public override void Push(ITableSink sink, int column, int row) => sink.List(column, lists[row]);
    }

    private static async Task<Cells> ReadColumnAsync(string path, ParquetRowGroupReader group, DataField field, int rows, bool list, CancellationToken ct)
    {
        try
        {
            var t = field.ClrType;
            if (list)
            {
                var values = await ReadLeavesAsync(group, field, LeafCount(group, field, rows), ct).ConfigureAwait(false);
                var lists = new List<string>[rows];
                int row = -1;
                for (int i = 0; i < values.Values.Length; i++)
                {
                    if (values.Repetition[i] == 0) lists[++row] = [];
                    if (values.Values[i] is { } v) lists[row].Add(Text(v));
                }
                for (int r = 0; r < rows; r++) lists[r] ??= [];
                return new ListCells(lists);
            }
            object?[] cells = new object?[rows];
            if (t == typeof(string))
            {
                var s = new string?[rows];
                await group.ReadAsync(field, s.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
                for (int i = 0; i < rows; i++) cells[i] = s[i];
            }
            else
            {
                var leaves = await ReadLeavesAsync(group, field, rows, ct).ConfigureAwait(false);
                for (int i = 0; i < rows; i++) cells[i] = Typed(leaves.Values[i]);
            }
            return new ScalarCells(cells);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new UserInputException($"{path}: column '{field.Path}' cannot be read ({ex.Message})");
        }
    }

    /// <summary>A number as a double (what the sink takes), a boolean as is, anything else as text.</summary>
    private static object? Typed(object? v) => v switch
    {
        null => null,
        bool or string => v,
        double or float or decimal or sbyte or byte or short or ushort or int or uint or long or ulong => Convert.ToDouble(v, CultureInfo.InvariantCulture),
        _ => Text(v),
    };

    private static string Text(object v) => v switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static int LeafCount(ParquetRowGroupReader group, DataField field, int rows) =>
        checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? rows));

    /// <summary>Every leaf value of a column chunk (null where a level is undefined) with its repetition level.</summary>
    private static Task<(object?[] Values, int[] Repetition)> ReadLeavesAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(string)) return StringLeavesAsync(group, field, count, ct);
        if (t == typeof(bool)) return LeavesAsync<bool>(group, field, count, ct);
        if (t == typeof(double)) return LeavesAsync<double>(group, field, count, ct);
        if (t == typeof(float)) return LeavesAsync<float>(group, field, count, ct);
        if (t == typeof(decimal)) return LeavesAsync<decimal>(group, field, count, ct);
        if (t == typeof(sbyte)) return LeavesAsync<sbyte>(group, field, count, ct);
        if (t == typeof(byte)) return LeavesAsync<byte>(group, field, count, ct);
        if (t == typeof(short)) return LeavesAsync<short>(group, field, count, ct);
        if (t == typeof(ushort)) return LeavesAsync<ushort>(group, field, count, ct);
        if (t == typeof(int)) return LeavesAsync<int>(group, field, count, ct);
        if (t == typeof(uint)) return LeavesAsync<uint>(group, field, count, ct);
        if (t == typeof(long)) return LeavesAsync<long>(group, field, count, ct);
        if (t == typeof(ulong)) return LeavesAsync<ulong>(group, field, count, ct);
        if (t == typeof(DateTime)) return LeavesAsync<DateTime>(group, field, count, ct);
        if (t == typeof(DateOnly)) return LeavesAsync<DateOnly>(group, field, count, ct);
        if (t == typeof(TimeOnly)) return LeavesAsync<TimeOnly>(group, field, count, ct);
        return LeavesAsync<TimeSpan>(group, field, count, ct);
    }

    private static async Task<(object?[] Values, int[] Repetition)> LeavesAsync<T>(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
        where T : struct
    {
        var values = new T?[count];
        var rep = new int[count];
        await group.ReadAsync<T>(field, values.AsMemory(), field.MaxRepetitionLevel > 0 ? rep.AsMemory() : null, ct).ConfigureAwait(false);
        return ([.. values.Select(v => v is { } x ? (object?)x : null)], rep);
    }

    private static async Task<(object?[] Values, int[] Repetition)> StringLeavesAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken ct)
    {
        var values = new string?[count];
        var rep = new int[count];
        await group.ReadAsync(field, values.AsMemory(), field.MaxRepetitionLevel > 0 ? rep.AsMemory() : null, ct).ConfigureAwait(false);
        return ([.. values], rep);
    }
}
