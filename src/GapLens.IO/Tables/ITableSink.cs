namespace GapLens.IO.Tables;

/// <summary>
/// What a table reader (<see cref="TableFile"/>) pushes, row by row, to whatever builds something from
/// a table: its columns as it finds them, then per row the cells that are present. A reader never
/// interprets values beyond their file type (CSV cells are text; JSON and Parquet keep numbers, booleans
/// and lists), so the sink decides what a value means and words the errors.
/// </summary>
public interface ITableSink
{
    /// <summary>The reader found a column (a CSV header field, a Parquet field, a new JSON key; nested
    /// JSON objects are flattened with '.'). Returns the sink's index for it, or -1 when its values are
    /// not wanted (the reader then skips them).</summary>
    int Column(string name);

    /// <summary>A row starts, at this line of the file (1-based; the header is line 1 of a CSV file;
    /// for Parquet, the row number).</summary>
    void BeginRow(long line);

    /// <summary>A text cell (a CSV field, even when empty; a JSON or Parquet string).</summary>
    void Text(int column, ReadOnlySpan<char> value);

    /// <summary>A number of a typed file (JSON, Parquet).</summary>
    void Number(int column, double value);

    /// <summary>A boolean of a typed file (JSON, Parquet).</summary>
    void Bool(int column, bool value);

    /// <summary>A null of a typed file (JSON null, a Parquet null).</summary>
    void Null(int column);

    /// <summary>A list cell of a typed file (a JSON array, a Parquet list): its items as text, numbers in
    /// their shortest round-trip form; an empty list has none.</summary>
    void List(int column, IReadOnlyList<string> items);

    /// <summary>The row ends. A column the row did not mention (a JSON key it lacks) is absent.</summary>
    void EndRow();
}
