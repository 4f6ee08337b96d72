using System.Collections.Immutable;
using System.Globalization;

namespace GapLens.Slices;

/// <summary>
/// One feature column while a table is read: values dictionary-encoded as they come (one byte per
/// sample until the 256th value, then four), with a note of whether every value is a number. A column
/// with more than <see cref="SliceTableOptions.MaxCategories"/> values switches to plain numbers when
/// all of them are numbers (binned at the end), and is given up as an id or free text otherwise
/// (unless <see cref="Explicit"/>). List columns keep CSR offsets and codes.
/// </summary>
internal sealed class ColumnBuilder(string name, bool isExplicit, bool csvList, string source)
{
    internal const string MissingLabel = "(missing)";
    private const string MissingKey = "\0missing";

    private static readonly string ManyValues = SliceTableOptions.MaxCategories.ToString("N0", CultureInfo.InvariantCulture);

    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private readonly List<double> _numberOf = []; // per value: its number, NaN when not a number or missing
    private byte[] _bytes = new byte[1024];
    private int[]? _ints;
    private double[]? _numbers; // plain-number mode
    private int _count;
    private int _listCount;
    private int[] _offsets = csvList ? new int[1025] : [];
    private int[] _listCodes = csvList ? new int[1024] : [];
    private readonly List<int> _rowItems = [];

    public string Name { get; } = name;

    public bool Explicit { get; } = isExplicit;

    /// <summary>Exempt from the free-text rule (<see cref="FreeTextRule"/>) but not from the others: a text feature a preset names.</summary>
    public bool KeepText { get; init; }

    private readonly bool _csvList = csvList;

    public bool IsList { get; private set; } = csvList;

    /// <summary>Why the column is no feature after all (null while it is one).</summary>
    public string? GivenUp { get; private set; }

    public bool AllNumbers { get; private set; } = true;

    /// <summary>The first value that is not a number (line, text), for the report.</summary>
    public (long Line, string Text)? FirstNonNumber { get; private set; }

    public int Count => _count;

    private bool _setThisRow;

    public void BeginRow() => _setThisRow = false;

    /// <summary>Ends a row: a cell the row did not give is missing.</summary>
    public void EndRow()
    {
        if (!_setThisRow) Missing();
    }

    /// <summary>Drops the last row (its outcome is excluded).</summary>
    public void DropLast()
    {
        if (GivenUp is not null) return;
        _count--;
        if (IsList) _listCount = _offsets[_count];
    }

    public void GiveUp(string why)
    {
        GivenUp = why;
        _bytes = [];
        _ints = null;
        _numbers = null;
        _offsets = [];
        _listCodes = [];
        _index.Clear();
        _values.Clear();
        _numberOf.Clear();
    }

    public void Missing()
    {
        _setThisRow = true;
        if (GivenUp is not null) return;
        if (_numbers is not null)
        {
            AppendNumber(double.NaN);
            return;
        }
        int code = Code(MissingKey, MissingLabel, double.NaN, missing: true);
        if (IsList) AppendList([code]);
        else Append(code);
    }

    public void Text(ReadOnlySpan<char> text, long line, string separator)
    {
        _setThisRow = true;
        if (GivenUp is not null) return;
        if (IsList)
        {
            _rowItems.Clear();
            if (_csvList)
            {
                foreach (var range in text.Split(separator))
                {
                    var item = text[range].Trim();
                    if (!item.IsEmpty && !IsMissingToken(item)) _rowItems.Add(Code(item, line));
                }
            }
            else if (!IsMissingToken(text))
            {
                _rowItems.Add(Code(text, line));
            }
            if (_rowItems.Count == 0) _rowItems.Add(Code(MissingKey, MissingLabel, double.NaN, missing: true));
            AppendList(_rowItems);
            return;
        }
        if (IsMissingToken(text))
        {
            Missing();
            return;
        }
        if (_numbers is not null)
        {
            if (TryNumber(text, out double d))
            {
                AppendNumber(d);
                return;
            }
            NotANumber(line, text.ToString());
            if (Explicit) throw new Core.UserInputException($"{source}:{line}: column '{Name}' holds more than {ManyValues} distinct numbers and the text '{text}'; a feature is either numbers or categories");
            GiveUp($"more than {ManyValues} distinct values, numbers mixed with text (e.g. '{text}' at line {line}): an id or free text");
            return;
        }
        Append(Code(text, line));
    }

    public void Number(double value)
    {
        _setThisRow = true;
        if (GivenUp is not null) return;
        if (_numbers is not null)
        {
            AppendNumber(value);
            return;
        }
        string key = value.ToString("R", CultureInfo.InvariantCulture);
        int code = Code(key, key, value, missing: false);
        if (IsList) AppendList([code]);
        else Append(code);
    }

    public void Bool(bool value, long line) => Text(value ? "true" : "false", line, "");

    public void List(IReadOnlyList<string> items, long line)
    {
        _setThisRow = true;
        if (GivenUp is not null) return;
        if (!IsList) ToList();
        if (GivenUp is not null) return;
        _rowItems.Clear();
        foreach (string item in items)
        {
            if (item.Length > 0 && !IsMissingToken(item)) _rowItems.Add(Code(item, line));
        }
        if (_rowItems.Count == 0) _rowItems.Add(Code(MissingKey, MissingLabel, double.NaN, missing: true));
        AppendList(_rowItems);
    }

    private int Code(ReadOnlySpan<char> text, long line)
    {
        var lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out int code)) return code;
        string s = text.ToString();
        double number = TryNumber(text, out double d) ? d : double.NaN;
        if (double.IsNaN(number)) NotANumber(line, s);
        return Code(s, s, number, missing: false);
    }

    private int Code(string key, string label, double number, bool missing)
    {
        if (_index.TryGetValue(key, out int code)) return code;
        code = _values.Count;
        _index.Add(key, code);
        _values.Add(label);
        _numberOf.Add(missing ? double.NaN : number);
        if (code == 256 && _ints is null && !IsList)
        {
            _ints = new int[_bytes.Length];
            for (int i = 0; i < _count; i++) _ints[i] = _bytes[i];
            _bytes = [];
        }
        if (_values.Count > SliceTableOptions.MaxCategories && !Explicit) TooManyValues();
        return code;
    }

    private void NotANumber(long line, string text)
    {
        if (!AllNumbers) return;
        AllNumbers = false;
        FirstNonNumber = (line, text);
    }

    private void TooManyValues()
    {
        if (IsList || !AllNumbers)
        {
            GiveUp($"more than {ManyValues} distinct values: an id or free text (name it in --features to use it anyway)");
            return;
        }
        _numbers = new double[Math.Max(1024, _count * 2)];
        for (int i = 0; i < _count; i++) _numbers[i] = _numberOf[_ints is not null ? _ints[i] : _bytes[i]];
        _bytes = [];
        _ints = null;
        _index.Clear();
        _values.Clear();
        _numberOf.Clear();
    }

    private void Append(int code)
    {
        if (_ints is not null)
        {
            if (_count == _ints.Length) Array.Resize(ref _ints, Grow(_ints.Length));
            _ints[_count++] = code;
        }
        else
        {
            if (_count == _bytes.Length) Array.Resize(ref _bytes, Grow(_bytes.Length));
            _bytes[_count++] = (byte)code;
        }
    }

    private void AppendNumber(double v)
    {
        if (_count == _numbers!.Length) Array.Resize(ref _numbers, Grow(_numbers.Length));
        _numbers[_count++] = v;
    }

    private void AppendList(IReadOnlyList<int> codes)
    {
        if (_count + 1 >= _offsets.Length) Array.Resize(ref _offsets, Grow(_offsets.Length));
        int start = _listCount;
        foreach (int c in codes)
        {
            bool seen = false;
            for (int i = start; i < _listCount; i++) seen |= _listCodes[i] == c;
            if (seen) continue;
            if (_listCount == _listCodes.Length) Array.Resize(ref _listCodes, Grow(_listCodes.Length));
            _listCodes[_listCount++] = c;
        }
        _offsets[++_count] = _listCount;
    }

    /// <summary>A column that had single values and now gets a list: each earlier value becomes a one-item list.</summary>
    private void ToList()
    {
        if (_numbers is not null)
        {
            GiveUp("numbers in some rows, lists in others");
            return;
        }
        var offsets = new int[Math.Max(1025, _count * 2)];
        var codes = new int[Math.Max(1024, _count * 2)];
        for (int i = 0; i < _count; i++)
        {
            codes[i] = _ints is not null ? _ints[i] : _bytes[i];
            offsets[i + 1] = i + 1;
        }
        _offsets = offsets;
        _listCodes = codes;
        _listCount = _count;
        _bytes = [];
        _ints = null;
        IsList = true;
        AllNumbers = false;
    }

    private static int Grow(int n) => (int)Math.Min(Array.MaxLength, Math.Max(1024L, n * 2L));

    /// <summary>pandas' default NA strings (read_csv na_values) and the empty field.</summary>
    internal static bool IsMissingToken(ReadOnlySpan<char> s) =>
        s.IsEmpty || s is "#N/A" or "#N/A N/A" or "#NA" or "-1.#IND" or "-1.#QNAN" or "-NaN" or "-nan" or "1.#IND" or "1.#QNAN" or "<NA>" or "N/A" or "NA" or "NULL" or "NaN" or "n/a" or "nan" or "null" or "None";

    /// <summary>A number as pandas reads one (invariant; inf, -inf and Infinity too).</summary>
    internal static bool TryNumber(ReadOnlySpan<char> s, out double value)
    {
        var t = s.Trim();
        if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("+inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (t.Equals("-inf", StringComparison.OrdinalIgnoreCase) || t.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    /// <summary>The finished feature, or null with <see cref="GivenUp"/> set.</summary>
    public FeatureColumn? Build(int bins)
    {
        if (GivenUp is not null) return null;
        if (_numbers is not null) return Binned(_numbers.AsSpan(0, _count), bins, "numbers");
        var values = _values.ToImmutableArray();
        if (IsList)
        {
            if (values.Length < 2 && !HasMixedRows()) return NoSpread(values);
            return FeatureColumn.List(Name, values, _offsets[..(_count + 1)], _listCodes[.._listCount]);
        }
        if (values.Length < 2) return NoSpread(values);
        int realValues = _numberOf.Count(d => !double.IsNaN(d));
        bool numeric = AllNumbers && realValues > 0;
        if (numeric && _numberOf.Where(d => !double.IsNaN(d)).Distinct().Count() > SliceTableOptions.MaxExactNumericValues)
        {
            var numbers = new double[_count];
            for (int i = 0; i < _count; i++) numbers[i] = _numberOf[CodeAt(i)];
            return Binned(numbers, bins, "numbers");
        }
        if (numeric) return ExactNumbers();
        if (!Explicit && !KeepText && FreeTextRule.Why(_values, _numberOf, _count) is { } freeText)
        {
            GivenUp = freeText;
            return null;
        }
        if (_count > 1 && values.Length == _count && !Explicit)
        {
            GivenUp = "every sample has its own value: an id (name it in --features to use it anyway)";
            return null;
        }
        int[] codes = _ints is not null ? _ints[.._count] : [.. _bytes.AsSpan(0, _count).ToArray().Select(b => (int)b)];
        return FeatureColumn.Categorical(Name, values, codes);
    }

    private int CodeAt(int i) => _ints is not null ? _ints[i] : _bytes[i];

    private bool HasMixedRows()
    {
        for (int i = 0; i < _count; i++)
        {
            if (_offsets[i + 1] - _offsets[i] != 1) return true;
        }
        return false;
    }

    private FeatureColumn? NoSpread(ImmutableArray<string> values)
    {
        GivenUp = values.Length == 0 ? "no values" : $"one value only ('{values[0]}'): no slice to compare";
        return null;
    }

    /// <summary>Numbers with few distinct values: one value per distinct number, in ascending order, "(missing)" last.</summary>
    private FeatureColumn ExactNumbers()
    {
        var distinct = _numberOf.Where(d => !double.IsNaN(d)).Distinct().Order().ToList();
        bool hasMissing = _numberOf.Any(double.IsNaN);
        var labels = distinct.Select(d => d.ToString("R", CultureInfo.InvariantCulture)).ToList();
        if (hasMissing) labels.Add(MissingLabel);
        var map = _numberOf.Select(d => double.IsNaN(d) ? distinct.Count : distinct.IndexOf(d)).ToArray();
        var codes = new int[_count];
        for (int i = 0; i < _count; i++) codes[i] = map[CodeAt(i)];
        string what = $"numbers with {distinct.Count} distinct values: one slice per value";
        if (labels.Count < 2) return NoSpread([.. labels])!;
        return FeatureColumn.Categorical(Name, labels, codes, what);
    }

    /// <summary>Quantile bins (pandas.qcut); "(missing)" after the bins.</summary>
    private FeatureColumn? Binned(ReadOnlySpan<double> numbers, int bins, string what)
    {
        var finite = new List<double>(numbers.Length);
        int missing = 0, infinite = 0;
        foreach (double d in numbers)
        {
            if (double.IsNaN(d)) missing++;
            else if (double.IsInfinity(d)) infinite++;
            else finite.Add(d);
        }
        if (finite.Count == 0)
        {
            GivenUp = "no finite number";
            return null;
        }
        var sorted = finite.ToArray();
        Array.Sort(sorted);
        var edges = QuantileBins.Edges(sorted, bins);
        var labels = QuantileBins.Labels(edges).ToList();
        int binCount = labels.Count;
        if (missing > 0) labels.Add(MissingLabel);
        var codes = new int[numbers.Length];
        for (int i = 0; i < numbers.Length; i++) codes[i] = double.IsNaN(numbers[i]) ? binCount : QuantileBins.BinOf(edges, numbers[i]);
        if (labels.Count < 2) return NoSpread([.. labels]);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{what}: {binCount} quantile bin(s) of {sorted.Length:N0} finite values (edges {string.Join(", ", edges.Select(e => e.ToString("G6", CultureInfo.InvariantCulture)))})")
            + (missing > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {missing:N0} missing") : "")
            + (infinite > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {infinite:N0} infinite, in the end bins") : "");
        return FeatureColumn.Binned(Name, labels, edges, codes, description);
    }
}
