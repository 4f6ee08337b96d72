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
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException or ParquetException)
        {
            throw new UserInputException($"{path}: not a readable Parquet file ({ex.Message})");
        }
        var skipped = new List<string>();
        await using (reader)
        {
            var fields = new List<(DataField Field, int Column, bool List)>();
            foreach (var field in reader.Schema.GetDataFields())
            {
                string name = NameOf(field);
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

    /// <summary>The column name: the field's path joined with '.', without the LIST wrapper levels
    /// ("tags/list/element" is "tags").</summary>
    internal static string NameOf(DataField field)
    {
        var parts = field.Path.ToString().Split('/').ToList();
        if (field.MaxRepetitionLevel > 0)
        {
            if (parts.Count >= 3 && parts[^2] is "list" or "bag") parts.RemoveRange(parts.Count - 2, 2);
            else if (parts.Count >= 2 && parts[^1] is "element" or "item" or "array") parts.RemoveAt(parts.Count - 1);
        }
        return string.Join('.', parts);
    }

    /// <summary>Parquet.Net 6 reads strings as ReadOnlyMemory&lt;char&gt; fields; both are read as strings.</summary>
    private static bool IsString(Type t) => t == typeof(string) || t == typeof(ReadOnlyMemory<char>);

    private static bool Supported(Type t) =>
        IsString(t) || t == typeof(bool) || t == typeof(double) || t == typeof(float) || t == typeof(decimal)
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
            if (field.ClrType == typeof(string))
            {
                // Plain strings (no ReadOnlyMemory<char> field): scalars only.
                if (list) throw new NotSupportedException("a list of strings of this type");
                var s = new string?[rows];
                await group.ReadAsync(field, s.AsMemory(), cancellationToken: ct).ConfigureAwait(false);
                return new ScalarCells([.. s]);
            }
            var values = await ReadLeavesAsync(group, field, ct).ConfigureAwait(false);
            if (list)
            {
                var lists = new List<string>[rows];
                int row = -1;
                for (int i = 0; i < values.Values.Length; i++)
                {
                    if (values.Repetition[i] == 0)
                    {
                        if (++row >= rows) throw new InvalidDataException($"more lists than the row group's {rows} rows");
                        lists[row] = [];
                    }
                    if (row < 0) throw new InvalidDataException("a list value before the first row");
                    if (values.Values[i] is { } v) lists[row].Add(Text(v));
                }
                for (int r = 0; r < rows; r++) lists[r] ??= [];
                return new ListCells(lists);
            }
            if (values.Values.Length != rows) throw new InvalidDataException($"{values.Values.Length} values for {rows} rows");
            return new ScalarCells([.. values.Values.Select(Typed)]);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or NotSupportedException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or ParquetException)
        {
            throw new UserInputException($"{path}: column '{NameOf(field)}' cannot be read ({ex.Message})");
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

    /// <summary>Every level entry of a column chunk (null where the value is undefined: a null, an empty
    /// or null list) with its repetition level (0: a new row), read raw with levels sized to the chunk's
    /// value count (Parquet.Net's typed readers size them to the row count, too small for lists).</summary>
    private static Task<(object?[] Values, int[] Repetition)> ReadLeavesAsync(ParquetRowGroupReader group, DataField field, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(ReadOnlyMemory<char>)) return LeavesAsync<ReadOnlyMemory<char>>(group, field, m => m.ToString(), ct);
        if (t == typeof(bool)) return LeavesAsync<bool>(group, field, v => v, ct);
        if (t == typeof(double)) return LeavesAsync<double>(group, field, v => v, ct);
        if (t == typeof(float)) return LeavesAsync<float>(group, field, v => v, ct);
        if (t == typeof(decimal)) return LeavesAsync<decimal>(group, field, v => v, ct);
        if (t == typeof(sbyte)) return LeavesAsync<sbyte>(group, field, v => v, ct);
        if (t == typeof(byte)) return LeavesAsync<byte>(group, field, v => v, ct);
        if (t == typeof(short)) return LeavesAsync<short>(group, field, v => v, ct);
        if (t == typeof(ushort)) return LeavesAsync<ushort>(group, field, v => v, ct);
        if (t == typeof(int)) return LeavesAsync<int>(group, field, v => v, ct);
        if (t == typeof(uint)) return LeavesAsync<uint>(group, field, v => v, ct);
        if (t == typeof(long)) return LeavesAsync<long>(group, field, v => v, ct);
        if (t == typeof(ulong)) return LeavesAsync<ulong>(group, field, v => v, ct);
        if (t == typeof(DateTime)) return LeavesAsync<DateTime>(group, field, v => v, ct);
        if (t == typeof(DateOnly)) return LeavesAsync<DateOnly>(group, field, v => v, ct);
        if (t == typeof(TimeOnly)) return LeavesAsync<TimeOnly>(group, field, v => v, ct);
        return LeavesAsync<TimeSpan>(group, field, v => v, ct);
    }

    private static async Task<(object?[] Values, int[] Repetition)> LeavesAsync<T>(ParquetRowGroupReader group, DataField field, Func<T, object> box, CancellationToken ct)
        where T : struct
    {
        int count = checked((int)(group.GetMetadata(field)?.MetaData?.NumValues ?? group.RowCount));
        var raw = new T[count];
        int[]? def = field.MaxDefinitionLevel > 0 ? new int[count] : null;
        int[]? rep = field.MaxRepetitionLevel > 0 ? new int[count] : null;
        await group.ReadRawAsync(field, raw.AsMemory(), def is null ? (Memory<int>?)null : def.AsMemory(), rep is null ? (Memory<int>?)null : rep.AsMemory(), ct).ConfigureAwait(false);
        var values = new object?[count];
        int next = 0;
        for (int i = 0; i < count; i++) values[i] = def is null || def[i] == field.MaxDefinitionLevel ? box(raw[next++]) : null;
        return (values, rep ?? new int[count]);
    }
}
