using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GapLens.Core.Text;

namespace GapLens.Core.Config;

/// <summary>Typed configuration values of one action (missing required keys only with --cfg=job).</summary>
public sealed record ResolvedConfig(ConfigSchema Schema, ImmutableDictionary<string, object?> Values, ImmutableArray<string> Missing)
{
    public string GetString(string name) => (string)Values[name]!;

    public string? GetOptionalString(string name) => (string?)Values[name];

    public double GetDouble(string name) => (double)Values[name]!;

    public long? GetNullableInt(string name) => (long?)Values[name];

    /// <summary>The configuration as YAML in schema order, as <c>--cfg=job</c> prints it.</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder();
        foreach (var key in Schema.Keys)
        {
            sb.Append(key.Name).Append(": ");
            if (Missing.Contains(key.Name)) sb.Append("???");
            else sb.Append(YamlScalar(Values[key.Name]));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string YamlScalar(object? value) => value switch
    {
        null => "null",
        double d => PyFloat.Repr(d),
        long n => n.ToString(CultureInfo.InvariantCulture),
        string s => NeedsQuotes(s) ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : s,
        _ => throw new InvalidOperationException($"unexpected config value type {value.GetType().Name}"),
    };

    private static bool NeedsQuotes(string s) =>
        s.Length == 0
        || s != s.Trim()
        || s is "null" or "~" or "true" or "false" or "yes" or "no" or "on" or "off" or "???"
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || s.IndexOfAny([':', '#', '\'', '"', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '%', '@', '`', '\n']) >= 0
        || s[0] == '-' || s[0] == '?';
}
