using GapLens.Core;
using GapLens.IO.Tables;

namespace GapLens.Jobs.Slices;

/// <summary>
/// Sits between a table reader and the <see cref="GapLens.Slices.FeatureTableBuilder"/> for a run folder
/// whose outcome is not a column (vcn_aoi, vlm_bcq): the columns the decision is made from are taken out
/// (<see cref="Consumes"/>), every other column goes through unchanged, and at the end of each row the
/// derived outcome ("correct", a failure kind, or "skipped"; its column named by <see cref="OutcomeColumn"/>,
/// which the report shows) and the derived features are added as columns of their own.
/// </summary>
internal abstract class DerivedOutcomeSink(ITableSink inner, string source) : ITableSink
{
    public const string Correct = "correct";
    public const string Skipped = "skipped";

    private readonly List<int> _map = []; // per reader column: the inner column (>= 0), or -2 - the consumed column's slot
    private readonly Dictionary<string, int> _derived = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _outcome = -1;
    private long _line;

    protected string Source { get; } = source;

    /// <summary>The derived outcome's column name (says where it comes from, e.g. "vcn_aoi decision at the run's threshold").</summary>
    protected abstract string OutcomeColumn { get; }

    protected long Line => _line;

    /// <summary>The columns the outcome is derived from, each with its slot (the index handed to
    /// <see cref="ConsumeText"/> and the other hooks).</summary>
    protected abstract IReadOnlyList<string> Consumes { get; }

    /// <summary>The derived feature columns (added after the input's columns).</summary>
    protected abstract IReadOnlyList<string> DerivedFeatures { get; }

    public int Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _seen.Add(name);
        if (_outcome < 0)
        {
            _outcome = inner.Column(OutcomeColumn);
            foreach (string d in DerivedFeatures) _derived[d] = inner.Column(d);
        }
        int slot = IndexOf(Consumes, name);
        if (slot >= 0)
        {
            _map.Add(-2 - slot);
        }
        else
        {
            // A column of the input named like a derived one is left out (the derived one wins).
            _map.Add(name == OutcomeColumn || _derived.ContainsKey(name) ? -1 : inner.Column(name));
            if (_map[^1] < 0) return -1;
        }
        return _map.Count - 1;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return i;
        }
        return -1;
    }

    public void BeginRow(long line)
    {
        _line = line;
        ResetRow();
        inner.BeginRow(line);
    }

    public void Text(int column, ReadOnlySpan<char> value)
    {
        int m = _map[column];
        if (m >= 0) inner.Text(m, value);
        else ConsumeText(-2 - m, value);
    }

    public void Number(int column, double value)
    {
        int m = _map[column];
        if (m >= 0) inner.Number(m, value);
        else ConsumeOther(-2 - m, value);
    }

    public void Bool(int column, bool value)
    {
        int m = _map[column];
        if (m >= 0) inner.Bool(m, value);
        else ConsumeOther(-2 - m, value);
    }

    public void Null(int column)
    {
        int m = _map[column];
        if (m >= 0) inner.Null(m);
        else ConsumeOther(-2 - m, null);
    }

    public void List(int column, IReadOnlyList<string> items)
    {
        int m = _map[column];
        if (m >= 0) inner.List(m, items);
        else ConsumeOther(-2 - m, items);
    }

    public void EndRow()
    {
        var (outcome, features) = Finish();
        inner.Text(_outcome, outcome);
        for (int i = 0; i < features.Count; i++)
        {
            int c = _derived[DerivedFeatures[i]];
            if (c < 0) continue;
            if (features[i] is { } v) inner.Text(c, v);
            else inner.Null(c);
        }
        inner.EndRow();
    }

    /// <summary>After the whole table: a column the outcome needs that the file lacks is a user error.</summary>
    public void CheckColumns()
    {
        var missing = Consumes.Where(c => !_seen.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new UserInputException($"{Source}: no column '{missing[0]}' (needed for the outcome; columns: {string.Join(", ", _seen.Order(StringComparer.Ordinal).Take(20))})");
        }
    }

    protected abstract void ResetRow();

    /// <summary>A text cell of a consumed column.</summary>
    protected abstract void ConsumeText(int slot, ReadOnlySpan<char> value);

    /// <summary>A number, boolean, null or list cell of a consumed column (value: double, bool, null or the list).</summary>
    protected abstract void ConsumeOther(int slot, object? value);

    /// <summary>The row's outcome value and derived features (in <see cref="DerivedFeatures"/> order, null: missing).</summary>
    protected abstract (string Outcome, IReadOnlyList<string?> Features) Finish();
}
