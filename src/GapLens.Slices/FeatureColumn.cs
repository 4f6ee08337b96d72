using System.Collections.Immutable;

namespace GapLens.Slices;

/// <summary>
/// One feature, dictionary-encoded: the labels of its values and, per sample, the index of its value
/// (one byte per sample when it has at most 256 values, else four) or, for a list feature, the
/// indices of its values (CSR: offsets and codes). Numeric features are already binned: their values
/// are the bins, <see cref="BinEdges"/> holds the edges. Immutable.
/// </summary>
public sealed class FeatureColumn
{
    private readonly byte[]? _bytes;
    private readonly int[]? _ints;
    private readonly int[]? _offsets;
    private readonly int[]? _listCodes;

    private FeatureColumn(string name, FeatureKind kind, ImmutableArray<string> values, ImmutableArray<double> edges, string description,
        byte[]? bytes, int[]? ints, int[]? offsets, int[]? listCodes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (values.IsDefaultOrEmpty) throw new ArgumentException("a feature needs at least one value", nameof(values));
        Name = name;
        Kind = kind;
        Values = values;
        BinEdges = edges.IsDefault ? [] : edges;
        Description = description;
        _bytes = bytes;
        _ints = ints;
        _offsets = offsets;
        _listCodes = listCodes;
        RowCount = bytes?.Length ?? ints?.Length ?? offsets!.Length - 1;
        int limit = values.Length;
        if (bytes is not null && limit < 256 && bytes.AsSpan().IndexOfAnyInRange((byte)limit, byte.MaxValue) >= 0)
        {
            throw new ArgumentException($"feature {name}: a code is not below the {limit} values", nameof(bytes));
        }
        foreach (int c in (ReadOnlySpan<int>)(ints ?? listCodes ?? []))
        {
            if ((uint)c >= (uint)limit) throw new ArgumentException($"feature {name}: code {c} is not below the {limit} values", nameof(ints));
        }
    }

    /// <summary>The feature's name as the report shows it.</summary>
    public string Name { get; }

    public FeatureKind Kind { get; }

    /// <summary>The label of each value (a category, a bin such as "(12.5, 30]", or "(missing)").</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>The bin edges of a numeric feature (empty otherwise): bin 0 is [e0, e1], bin i is (ei, ei+1].</summary>
    public ImmutableArray<double> BinEdges { get; }

    /// <summary>How the column became this feature, in words (for the report).</summary>
    public string Description { get; }

    public int RowCount { get; }

    /// <summary>Whether a sample may have several values (a list feature).</summary>
    public bool IsList => _offsets is not null;

    /// <summary>Bytes held by the encoded column.</summary>
    public long MemoryBytes => (_bytes?.LongLength ?? 0) + 4L * ((_ints?.LongLength ?? 0) + (_offsets?.LongLength ?? 0) + (_listCodes?.LongLength ?? 0));

    internal byte[]? ByteCodes => _bytes;

    internal int[]? IntCodes => _ints;

    internal int[]? Offsets => _offsets;

    internal int[]? ListCodes => _listCodes;

    /// <summary>The value index of a sample of a single-valued feature.</summary>
    public int ValueAt(int row) => _bytes is not null ? _bytes[row] : _ints is not null ? _ints[row] : throw new InvalidOperationException($"{Name} is a list feature");

    /// <summary>The value indices of a sample (one for a single-valued feature).</summary>
    public ReadOnlySpan<int> ValuesAt(int row) =>
        _offsets is not null ? _listCodes.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]) : new[] { ValueAt(row) };

    /// <summary>Whether the predicate "this feature = value" holds for a sample.</summary>
    public bool Holds(int row, int value)
    {
        if (_offsets is null) return ValueAt(row) == value;
        for (int i = _offsets[row]; i < _offsets[row + 1]; i++)
        {
            if (_listCodes![i] == value) return true;
        }
        return false;
    }

    /// <summary>A categorical feature from codes (one byte per sample; every code below the number of values).</summary>
    public static FeatureColumn Categorical(string name, IEnumerable<string> values, byte[] codes, string? description = null) =>
        new(name, FeatureKind.Categorical, [.. values], [], description ?? "categories", codes ?? throw new ArgumentNullException(nameof(codes)), null, null, null);

    /// <summary>A categorical feature from codes (every code below the number of values).</summary>
    public static FeatureColumn Categorical(string name, IEnumerable<string> values, int[] codes, string? description = null) =>
        Compact(name, FeatureKind.Categorical, [.. values], [], description ?? "categories", codes ?? throw new ArgumentNullException(nameof(codes)));

    /// <summary>A numeric feature already cut into bins: codes are bin indices.</summary>
    public static FeatureColumn Binned(string name, IEnumerable<string> values, ImmutableArray<double> edges, int[] codes, string description) =>
        Compact(name, FeatureKind.Numeric, [.. values], edges, description, codes ?? throw new ArgumentNullException(nameof(codes)));

    /// <summary>A list feature: sample i has the values listCodes[offsets[i]..offsets[i+1]] (distinct, at least one).</summary>
    public static FeatureColumn List(string name, IEnumerable<string> values, int[] offsets, int[] listCodes, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(listCodes);
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != listCodes.Length) throw new ArgumentException("offsets must start at 0 and end at the number of codes", nameof(offsets));
        return new(name, FeatureKind.List, [.. values], [], description ?? "lists: a sample counts in each of its values", null, null, offsets, listCodes);
    }

    private static FeatureColumn Compact(string name, FeatureKind kind, ImmutableArray<string> values, ImmutableArray<double> edges, string description, int[] codes)
    {
        if (values.Length > 256) return new(name, kind, values, edges, description, null, codes, null, null);
        var bytes = new byte[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if ((uint)codes[i] >= (uint)values.Length) throw new ArgumentException($"feature {name}: code {codes[i]} is not below the {values.Length} values", nameof(codes));
            bytes[i] = (byte)codes[i];
        }
        return new(name, kind, values, edges, description, bytes, null, null, null);
    }
}
