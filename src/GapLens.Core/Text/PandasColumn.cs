using System.Globalization;

namespace GapLens.Core.Text;

/// <summary>
/// pandas.read_csv's type inference for one column (pandas 1.5, C engine, default options), fed one
/// field at a time: int64 if every field is an integer, else uint64 (only when an integer overflowed
/// int64 first), else float64 if the float converter takes every field, else bool if every field is
/// true/false, else text (object); parsers.pyx <c>_convert_tokens</c>. Once every field is in,
/// <see cref="TryAsFloat"/> and <see cref="AsStr"/> give what <c>df[col].astype(float)</c> and
/// <c>df[col].astype(str)</c> hold for a field: TAO's vcn_aoi.py reads siamese_score and label so.
/// The state is small and independent of the number of fields; mutable, not thread-safe.
/// </summary>
public sealed class PandasColumn(PandasFloatPrecision precision)
{
    private enum Scan : byte
    {
        Running,
        Invalid,
        Overflow,
    }

    private Scan _int64;
    private Scan _uint64;
    private bool _seenNegative, _seenAboveInt64, _seenNa, _anyNa;
    private bool _float64 = true;
    private bool _bool = true;

    public PandasFloatPrecision Precision { get; } = precision;

    public long Count { get; private set; }

    /// <summary>Whether the column can still turn out all true/false (pandas' bool dtype).</summary>
    public bool CouldBeBool => _bool;

    /// <summary>
    /// Adds the next field. Returns true, with the value the field has in a float64 column, when
    /// pandas' float converter takes it (<see cref="PandasFloat.TryParse"/>); whether the column
    /// stays float64 depends on the other fields (<see cref="Dtype"/>).
    /// </summary>
    public bool Add(ReadOnlySpan<char> field, out double asFloat64)
    {
        Count++;
        bool ok = PandasFloat.TryParse(field, Precision, out asFloat64);
        if (!ok) _float64 = false;
        // The integer and bool scans stop at their first failure: in a float column, at the first field.
        if (_int64 == Scan.Running || _uint64 == Scan.Running || _bool) ScanExact(Cut(field));
        return ok;
    }

    private void ScanExact(ReadOnlySpan<char> f)
    {
        if (PandasFloat.IsNaValue(f))
        {
            _anyNa = true;
            if (_uint64 == Scan.Running) _seenNa = true;
            return;
        }
        if (_int64 == Scan.Running) _int64 = ToInt64(f, out _);
        if (_uint64 == Scan.Running) _uint64 = ToUInt64(f, out _, ref _seenNegative, ref _seenAboveInt64);
        if (_bool && BoolWord(f) is null) _bool = false;
    }

    /// <summary>The column's kind once every field has been added (see the class summary).</summary>
    private Kind Resolve()
    {
        if (Count == 0) return Kind.Text;
        if (_int64 == Scan.Running) return _anyNa ? Kind.Int64WithNa : Kind.Int64;
        if (_int64 == Scan.Overflow)
        {
            // int64 overflowed: pandas tries uint64; its OverflowError keeps the text with NA as NaN,
            // its ValueError (unsigned mixed with negative or NA) keeps the raw text (na_filter off).
            if (_uint64 == Scan.Overflow) return Kind.Text;
            if (_uint64 == Scan.Running)
            {
                if (_seenAboveInt64 && (_seenNegative || _seenNa)) return Kind.RawText;
                return _seenNegative ? Kind.Text : Kind.UInt64;
            }
        }
        if (_float64) return Kind.Float64;
        if (_bool) return _anyNa ? Kind.BoolWithNa : Kind.Bool;
        return Kind.Text;
    }

    private enum Kind
    {
        Int64,
        Int64WithNa,
        UInt64,
        Float64,
        Bool,
        BoolWithNa,
        Text,
        RawText,
    }

    /// <summary>Whether the column is float64 with every field as the float converter read it (the
    /// values <see cref="Add"/> returned): no integer, bool or text column, no NA in an integer column.</summary>
    public bool IsFloatParsed => Resolve() == Kind.Float64;

    /// <summary>The column's dtype in the DataFrame (an int64 column with NA is upcast to float64, a bool one to object).</summary>
    public PandasDtype Dtype => Resolve() switch
    {
        Kind.Int64 => PandasDtype.Int64,
        Kind.UInt64 => PandasDtype.UInt64,
        Kind.Float64 or Kind.Int64WithNa => PandasDtype.Float64,
        Kind.Bool => PandasDtype.Bool,
        _ => PandasDtype.Object,
    };

    /// <summary>
    /// <c>df[col].astype(float)</c> for a field of this column (call after every field was added):
    /// integers and booleans convert exactly, float64 fields as the float converter read them, text
    /// with Python's float(). False where astype(float) raises (text that float() rejects).
    /// </summary>
    public bool TryAsFloat(ReadOnlySpan<char> field, out double value)
    {
        var f = Cut(field);
        var kind = Resolve();
        if (kind != Kind.RawText && kind != Kind.Float64 && PandasFloat.IsNaValue(f))
        {
            value = PandasFloat.NaN;
            return true;
        }
        switch (kind)
        {
            case Kind.Int64 or Kind.Int64WithNa:
                ToInt64(f, out long l);
                value = l;
                return true;
            case Kind.UInt64:
                bool neg = false, above = false;
                ToUInt64(f, out ulong u, ref neg, ref above);
                value = u;
                return true;
            case Kind.Float64:
                return PandasFloat.TryParse(field, Precision, out value);
            case Kind.Bool or Kind.BoolWithNa:
                value = BoolWord(f) == true ? 1.0 : 0.0;
                return true;
            default:
                return PyFloat.TryParse(f, out value);
        }
    }

    /// <summary><c>df[col].astype(str)</c> (also <c>str(row[col])</c>) for a field of this column, after
    /// every field was added: e.g. "nan" for an NA field of a text column, "1.0" for an integer in a
    /// column with NA, Python's repr for a float64 column, "True"/"False" for booleans.</summary>
    public string AsStr(ReadOnlySpan<char> field)
    {
        var f = Cut(field);
        var kind = Resolve();
        bool na = kind != Kind.RawText && PandasFloat.IsNaValue(f);
        switch (kind)
        {
            case Kind.Int64:
                ToInt64(f, out long l);
                return l.ToString(CultureInfo.InvariantCulture);
            case Kind.Int64WithNa:
                if (na) return "nan";
                ToInt64(f, out long m);
                return PyFloat.Repr(m);
            case Kind.UInt64:
                bool neg = false, above = false;
                ToUInt64(f, out ulong u, ref neg, ref above);
                return u.ToString(CultureInfo.InvariantCulture);
            case Kind.Float64:
                PandasFloat.TryParse(field, Precision, out double d);
                return PyFloat.Repr(d);
            case Kind.Bool or Kind.BoolWithNa:
                return na ? "nan" : BoolWord(f) == true ? "True" : "False";
            case Kind.Text:
                return na ? "nan" : f.ToString();
            default:
                return f.ToString();
        }
    }

    /// <summary>pandas' C strings end at a NUL character.</summary>
    private static ReadOnlySpan<char> Cut(ReadOnlySpan<char> field)
    {
        int nul = field.IndexOf('\0');
        return nul < 0 ? field : field[..nul];
    }

    /// <summary>pandas' to_boolean plus its default true/false values: "true"/"false" in any case, nothing around.</summary>
    private static bool? BoolWord(ReadOnlySpan<char> f) =>
        f.Equals("true", StringComparison.OrdinalIgnoreCase) ? true : f.Equals("false", StringComparison.OrdinalIgnoreCase) ? false : null;

    /// <summary>tokenizer.c str_to_int64: ASCII white space, a sign, digits, white space; overflow is
    /// detected digit by digit, before any later invalid character.</summary>
    private static Scan ToInt64(ReadOnlySpan<char> s, out long number)
    {
        number = 0;
        int p = 0;
        while (p < s.Length && PyFloat.IsAsciiSpace(s[p])) p++;
        bool negative = false;
        if (p < s.Length && (s[p] == '-' || s[p] == '+')) negative = s[p++] == '-';
        if (p >= s.Length || !char.IsAsciiDigit(s[p])) return Scan.Invalid;
        const long PreMax = long.MaxValue / 10, PreMin = long.MinValue / 10;
        for (; p < s.Length && char.IsAsciiDigit(s[p]); p++)
        {
            int d = s[p] - '0';
            if (negative)
            {
                if (number > PreMin || (number == PreMin && d <= 8)) number = number * 10 - d;
                else return Scan.Overflow;
            }
            else
            {
                if (number < PreMax || (number == PreMax && d <= 7)) number = number * 10 + d;
                else return Scan.Overflow;
            }
        }
        while (p < s.Length && PyFloat.IsAsciiSpace(s[p])) p++;
        return p == s.Length ? Scan.Running : Scan.Invalid;
    }

    /// <summary>tokenizer.c str_to_uint64: a leading '-' counts as a (valid) negative number without
    /// looking further; values above int64's maximum are noted.</summary>
    private static Scan ToUInt64(ReadOnlySpan<char> s, out ulong number, ref bool seenNegative, ref bool seenAboveInt64)
    {
        number = 0;
        int p = 0;
        while (p < s.Length && PyFloat.IsAsciiSpace(s[p])) p++;
        if (p < s.Length && s[p] == '-')
        {
            seenNegative = true;
            return Scan.Running;
        }
        if (p < s.Length && s[p] == '+') p++;
        if (p >= s.Length || !char.IsAsciiDigit(s[p])) return Scan.Invalid;
        const ulong PreMax = ulong.MaxValue / 10;
        for (; p < s.Length && char.IsAsciiDigit(s[p]); p++)
        {
            uint d = (uint)(s[p] - '0');
            if (number < PreMax || (number == PreMax && d <= 5)) number = number * 10 + d;
            else return Scan.Overflow;
        }
        while (p < s.Length && PyFloat.IsAsciiSpace(s[p])) p++;
        if (p != s.Length) return Scan.Invalid;
        if (number > long.MaxValue) seenAboveInt64 = true;
        return Scan.Running;
    }
}
