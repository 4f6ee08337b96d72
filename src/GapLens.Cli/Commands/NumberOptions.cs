using System.CommandLine;
using System.Globalization;
using System.Numerics;
using GapLens.Core.Config;

namespace GapLens.Cli.Commands;

/// <summary>
/// Numeric flags read with the invariant culture (System.CommandLine's own converters use the current
/// culture: under de-DE "--margin 0.5" reads as 5, silently), with the declared range in their help.
/// The range itself is checked by the job, from the options record's <c>Numbers()</c>, so a value out
/// of range is the same one-line user error however the options were built; here only text that is
/// not a number of the option's type is refused (a parse error naming the option, the text and the range).
/// </summary>
internal static class NumberOptions
{
    public static Option<double> Double(string name, string description, double defaultValue, ValueRange range) =>
        Create(name, description, defaultValue, NumberStyles.Float, range.ToString());

    public static Option<int> Int(string name, string description, int defaultValue, ValueRange range) =>
        Create(name, description, defaultValue, NumberStyles.Integer, range.ToString());

    public static Option<long> Long(string name, string description, long defaultValue, ValueRange range) =>
        Create(name, description, defaultValue, NumberStyles.Integer, range.ToString());

    /// <summary>A number that may be left out: absent is null, which means the range's <see cref="ValueRange.NullMeans"/>.</summary>
    public static Option<double?> NullableDouble(string name, string description, ValueRange range) =>
        Nullable<double>(name, description, NumberStyles.Float, range);

    /// <summary>A whole number that may be left out: absent is null, which means the range's <see cref="ValueRange.NullMeans"/>.</summary>
    public static Option<int?> NullableInt(string name, string description, ValueRange range) =>
        Nullable<int>(name, description, NumberStyles.Integer, range);

    private static Option<T?> Nullable<T>(string name, string description, NumberStyles styles, ValueRange range)
        where T : struct, INumber<T>
    {
        string allowed = (range with { NullMeans = null }).ToString();
        return new(name)
        {
            Description = $"{description} Must be {allowed} (default: {range.NullMeans}).",
            CustomParser = r =>
            {
                if (r.Tokens.Count == 0) return null;
                string text = r.Tokens[0].Value;
                if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out T value)) return value;
                r.AddError($"{name} must be {allowed}, got '{text}'");
                return null;
            },
        };
    }

    /// <summary>A seed: any unsigned 64-bit integer.</summary>
    public static Option<ulong> Seed(string name, string description, ulong defaultValue) =>
        Create(name, description, defaultValue, NumberStyles.None, $"an integer in [0, {ulong.MaxValue}]");

    private static Option<T> Create<T>(string name, string description, T defaultValue, NumberStyles styles, string allowed)
        where T : INumberBase<T> => new(name)
    {
        Description = $"{description} Must be {allowed}.",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r =>
        {
            if (r.Tokens.Count == 0) return defaultValue;
            string text = r.Tokens[0].Value;
            if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value)) return value;
            r.AddError($"{name} must be {allowed}, got '{text}'");
            return defaultValue;
        },
    };
}
