using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.IO.Tables;

namespace GapLens.Slices;

/// <summary>
/// Builds a <see cref="FeatureTable"/> from any table reader (<see cref="TableFile"/>): the outcome
/// column classified by an <see cref="OutcomeMapping"/> (a value it cannot place is a user error naming
/// the file, line, column and value), the feature columns dictionary-encoded as they stream by, samples
/// with an excluded outcome left out. <see cref="Finish"/> bins numeric features and drops columns that
/// cannot make slices (one value, an id), saying why.
/// </summary>
public sealed class FeatureTableBuilder : ITableSink
{
    private const int OutcomeRole = -2;
    private const int IdRole = -3;
    private const int ImageRole = -4;

    private readonly string _source;
    private readonly SliceTableOptions _options;
    private readonly OutcomeMapping _mapping;
    private readonly List<int> _roles = []; // per reader column: index into _features, or a role
    private readonly List<ColumnBuilder> _features = [];
    private readonly HashSet<string> _columnsSeen = new(StringComparer.Ordinal);
    private readonly List<DroppedColumn> _dropped = [];
    private readonly Dictionary<string, (long Rows, string Meaning)> _outcomeValues = new(StringComparer.Ordinal);
    private readonly List<string> _classes = [FeatureTable.SuccessClass];
    private byte[] _outcome = new byte[1024];
    private int _rows;
    private readonly List<string>? _ids;
    private readonly List<string?>? _images;
    private long _line;
    private string? _rowOutcome;
    private string? _rowId;
    private string? _rowImage;

    public FeatureTableBuilder(string source, SliceTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _source = source;
        _options = options;
        _mapping = new OutcomeMapping(options.FailureValues, options.SuccessValues);
        if (options.IdColumn is not null) _ids = [];
        if (options.ImageColumn is not null) _images = [];
    }

    public int Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _columnsSeen.Add(name);
        int role = RoleOf(name);
        _roles.Add(role);
        return _roles.Count - 1;
    }

    private int RoleOf(string name)
    {
        if (name == _options.Outcome) return OutcomeRole;
        if (name == _options.IdColumn) return IdRole;
        if (name == _options.ImageColumn) return ImageRole;
        string shown = _options.FeaturePrefix is { } prefix && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        bool isExplicit = _options.Features.Contains(name) || _options.Features.Contains(shown);
        if (!_options.Features.IsEmpty && !isExplicit) return -1;
        if (_options.Features.IsEmpty)
        {
            if (_options.FeaturePrefix is { } p && !name.StartsWith(p, StringComparison.Ordinal)) return -1;
            if (LooksLikeId(shown))
            {
                _dropped.Add(new DroppedColumn(shown, "named like an id (name it in --features to use it anyway)"));
                return -1;
            }
        }
        bool list = _options.ListFeatures.Contains(name) || _options.ListFeatures.Contains(shown);
        _features.Add(new ColumnBuilder(shown, isExplicit, list, _source) { KeepText = _options.KeepText.Contains(name) || _options.KeepText.Contains(shown) });
        // Rows read before this column appeared (a JSON key first seen later) lack it.
        for (int i = 0; i < _rows; i++)
        {
            _features[^1].BeginRow();
            _features[^1].EndRow();
        }
        return _features.Count - 1;
    }

    private static bool LooksLikeId(string name)
    {
        string n = name.ToLowerInvariant();
        return n is "id" or "uid" or "uuid" or "index" or "key" or "unnamed: 0" || n.EndsWith("_id", StringComparison.Ordinal) || n.EndsWith(".id", StringComparison.Ordinal);
    }

    public void BeginRow(long line)
    {
        _line = line;
        _rowOutcome = null;
        _rowId = null;
        _rowImage = null;
        foreach (var f in _features) f.BeginRow();
    }

    public void Text(int column, ReadOnlySpan<char> value)
    {
        switch (_roles[column])
        {
            case OutcomeRole:
                _rowOutcome = ColumnBuilder.IsMissingToken(value.Trim()) ? null : value.ToString();
                break;
            case IdRole:
                _rowId = value.ToString();
                break;
            case ImageRole:
                _rowImage = value.IsEmpty ? null : value.ToString();
                break;
            case >= 0 and var f:
                _features[f].Text(value, _line, _options.ListSeparator);
                break;
        }
    }

    public void Number(int column, double value)
    {
        if (_roles[column] >= 0) _features[_roles[column]].Number(value);
        else Text(column, value.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Bool(int column, bool value)
    {
        if (_roles[column] >= 0) _features[_roles[column]].Bool(value, _line);
        else Text(column, value ? "true" : "false");
    }

    public void Null(int column)
    {
        if (_roles[column] >= 0) _features[_roles[column]].Missing();
    }

    public void List(int column, IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        switch (_roles[column])
        {
            case OutcomeRole:
                throw new UserInputException($"{_source}:{_line}: column '{_options.Outcome}' holds a list; an outcome is one value per sample");
            case >= 0 and var f:
                _features[f].List(items, _line);
                break;
            default:
                Text(column, string.Join(_options.ListSeparator, items));
                break;
        }
    }

    public void EndRow()
    {
        foreach (var f in _features) f.EndRow();
        string value = _rowOutcome ?? "(no outcome)";
        string meaning;
        if (_rowOutcome is null)
        {
            meaning = OutcomeMapping.Excluded;
        }
        else if (_outcomeValues.TryGetValue(value, out var seen))
        {
            meaning = seen.Meaning;
        }
        else
        {
            var (m, problem) = _mapping.Classify(value);
            meaning = m ?? throw new UserInputException($"{_source}:{_line}: column '{_options.Outcome}': outcome value '{value}' is not known: {problem}");
        }
        _outcomeValues[value] = (_outcomeValues.TryGetValue(value, out var c) ? c.Rows + 1 : 1, meaning);
        if (meaning == OutcomeMapping.Excluded)
        {
            foreach (var f in _features) f.DropLast();
            return;
        }
        int cls = meaning == OutcomeMapping.Success ? 0 : _classes.IndexOf(meaning);
        if (cls < 0)
        {
            if (_classes.Count == 255) throw new UserInputException($"{_source}:{_line}: column '{_options.Outcome}' has more than 254 failure kinds; is it the outcome?");
            _classes.Add(meaning);
            cls = _classes.Count - 1;
        }
        if (_rows == _outcome.Length) Array.Resize(ref _outcome, (int)Math.Min(Array.MaxLength, _outcome.Length * 2L));
        _outcome[_rows++] = (byte)cls;
        _ids?.Add(_rowId ?? "");
        _images?.Add(_rowImage);
    }

    /// <summary>The table: missing columns are user errors; numeric features are binned; columns that
    /// cannot make slices are listed in <see cref="FeatureTable.Dropped"/> with the reason.</summary>
    public FeatureTable Finish()
    {
        string Columns() => string.Join(", ", _columnsSeen.Order(StringComparer.Ordinal).Take(40)) + (_columnsSeen.Count > 40 ? ", ..." : "");
        if (_columnsSeen.Count == 0 && _rows == 0)
        {
            // An empty JSON Lines file (a CSV without a header is refused by its reader): "(columns: )" said nothing.
            throw new UserInputException($"{_source}: the file holds no rows (or only empty ones); expected rows with an outcome column '{_options.Outcome}'");
        }
        if (!_columnsSeen.Contains(_options.Outcome))
        {
            throw new UserInputException($"{_source}: no outcome column '{_options.Outcome}' (columns: {Columns()}); name it with --outcome");
        }
        foreach (string f in _options.Features)
        {
            if (!_columnsSeen.Contains(f) && !(_options.FeaturePrefix is { } p && _columnsSeen.Contains(p + f)))
            {
                throw new UserInputException($"{_source}: --features names '{f}', which is not a column (columns: {Columns()})");
            }
        }
        foreach (string c in new[] { _options.IdColumn, _options.ImageColumn }.OfType<string>())
        {
            if (!_columnsSeen.Contains(c)) throw new UserInputException($"{_source}: no column '{c}' (columns: {Columns()})");
        }
        var features = new List<FeatureColumn>();
        foreach (var b in _features)
        {
            var built = b.Build(_options.Bins);
            if (built is not null) features.Add(built);
            else _dropped.Add(new DroppedColumn(b.Name, b.GivenUp!));
        }
        // Failure kinds in a fixed order: GapLens' own kinds first, then the others by name.
        var order = _classes.Skip(1).OrderBy(k => OutcomeMapping.KnownKinds.IndexOf(k) is var i && i >= 0 ? i : int.MaxValue).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var remap = new byte[_classes.Count];
        for (int i = 1; i < _classes.Count; i++) remap[i] = (byte)(order.IndexOf(_classes[i]) + 1);
        var outcome = new byte[_rows];
        for (int i = 0; i < _rows; i++) outcome[i] = remap[_outcome[i]];
        return new FeatureTable(features, outcome, [FeatureTable.SuccessClass, .. order], _ids?.ToArray(), _images?.ToArray())
        {
            OutcomeValues = [.. _outcomeValues.OrderByDescending(kv => kv.Value.Rows).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new OutcomeValue(kv.Key, kv.Value.Rows, kv.Value.Meaning))],
            Dropped = [.. _dropped],
            Source = _source,
            OutcomeColumn = _options.Outcome,
        };
    }
}
