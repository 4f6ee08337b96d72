using System.Globalization;

namespace GapLens.Core.Config;

/// <summary>
/// The values a numeric option accepts: finite numbers between <see cref="Min"/> and <see cref="Max"/>
/// (an infinite end is unbounded; an open end excludes its value), integers only when
/// <see cref="IntegerOnly"/>, and null when <see cref="NullMeans"/> says what null means. Declared
/// once beside the option (on a <see cref="ConfigKey"/> or an options record) and checked in one place,
/// <see cref="Check"/>, which gives every range error the same one-line form:
/// <c>{name} must be {range}, got {value}</c>.
/// </summary>
public sealed record ValueRange(
    double Min,
    double Max,
    bool MinOpen = false,
    bool MaxOpen = false,
    bool IntegerOnly = false,
    string? NullMeans = null,
    string? Note = null)
{
    /// <summary>Any finite number (NaN and infinities are refused).</summary>
    public static ValueRange Finite(string? note = null) => new(double.NegativeInfinity, double.PositiveInfinity, Note: note);

    /// <summary>Numbers in [min, max].</summary>
    public static ValueRange Closed(double min, double max) => new(min, max);

    /// <summary>Numbers in (min, max]: e.g. a positive duration with a sane upper bound.</summary>
    public static ValueRange AboveUpTo(double min, double max) => new(min, max, MinOpen: true);

    /// <summary>Integers in [min, max].</summary>
    public static ValueRange Integers(long min, long max) => new(min, max, IntegerOnly: true);

    public bool Contains(double? value) => value is not { } v
        ? NullMeans is not null
        : double.IsFinite(v)
          && (MinOpen ? v > Min : v >= Min)
          && (MaxOpen ? v < Max : v <= Max)
          && (!IntegerOnly || Math.Floor(v) == v);

    /// <summary>Throws the one-line <see cref="UserInputException"/> when <paramref name="value"/> is
    /// outside the range; <paramref name="name"/> is the option as the user wrote it
    /// (<c>--pass-at</c>, <c>key 'min_recall' (from command line)</c>).</summary>
    public void Check(string name, double? value)
    {
        if (!Contains(value)) throw new UserInputException($"{name} must be {this}, got {Show(value)}");
    }

    /// <summary>The range in words: "a number in [0, 1]", "an integer >= 1, or null (...)".</summary>
    public override string ToString()
    {
        bool low = !double.IsInfinity(Min), high = !double.IsInfinity(Max);
        string what = IntegerOnly ? "an integer" : low || high ? "a number" : "a finite number";
        string bounds = (low, high) switch
        {
            (true, true) => $" in {(MinOpen ? "(" : "[")}{Show(Min)}, {Show(Max)}{(MaxOpen ? ")" : "]")}",
            (true, false) => $" {(MinOpen ? ">" : ">=")} {Show(Min)}",
            (false, true) => $" {(MaxOpen ? "<" : "<=")} {Show(Max)}",
            _ => "",
        };
        string note = Note is null ? "" : $" ({Note})";
        string nul = NullMeans is null ? "" : $", or null ({NullMeans})";
        return what + bounds + note + nul;
    }

    private static string Show(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
}
