using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Text;

namespace GapLens.Core.Config;

/// <summary>The keys of one action, in the order TAO's spec file lists them.</summary>
public sealed record ConfigSchema(string Action, ImmutableArray<ConfigKey> Keys)
{
    public ConfigKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    /// <summary>
    /// Merges values in order (spec file first, then command-line overrides: later wins), types them
    /// and checks them. Unknown keys, wrong types and (unless <paramref name="allowMissing"/>) missing
    /// required keys are user errors.
    /// </summary>
    public ResolvedConfig Resolve(IEnumerable<KeyValuePair<string, ConfigScalar>> values, bool allowMissing = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        var merged = new Dictionary<string, ConfigScalar>(StringComparer.Ordinal);
        foreach (var (name, scalar) in values)
        {
            if (Find(name) is null)
            {
                throw new UserInputException(
                    $"unknown key '{name}' for {Action} (from {scalar.Source}); valid keys: {string.Join(", ", Keys.Select(k => k.Name))}");
            }
            merged[name] = scalar;
        }
        var typed = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        var missing = ImmutableArray.CreateBuilder<string>();
        foreach (var key in Keys)
        {
            if (!merged.TryGetValue(key.Name, out var scalar) || scalar.IsMissingMarker)
            {
                if (key.Required)
                {
                    if (!allowMissing)
                    {
                        string flag = key.FlagName is null ? "" : $" (flag {key.FlagName})";
                        throw new UserInputException(
                            $"missing required key '{key.Name}'{flag} for {Action}: give {key.Name}=... on the command line or set it in the spec file (-e); {key.Name}: {key.Description}");
                    }
                    missing.Add(key.Name);
                    continue;
                }
                typed[key.Name] = key.Default;
                continue;
            }
            object? value = Convert(key, scalar, allowMissing);
            key.Range?.Check($"key '{key.Name}' (from {scalar.Source})", Numeric(value));
            typed[key.Name] = value;
        }
        return new ResolvedConfig(this, typed.ToImmutable(), missing.ToImmutable());
    }

    private static object? Convert(ConfigKey key, ConfigScalar scalar, bool allowMissing)
    {
        string where = $"key '{key.Name}' (from {scalar.Source})";
        switch (key.Kind)
        {
            case ConfigKind.String:
                if (scalar.Text is null)
                {
                    if (key.Required && !allowMissing) throw new UserInputException($"{where} must be a string, got null");
                    return key.Required ? null : key.Default;
                }
                return scalar.Text;
            case ConfigKind.Float:
                if (scalar.Text is not null && !scalar.Quoted
                    && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                {
                    return d;
                }
                throw new UserInputException($"{where} must be a number, got {Show(scalar)}");
            case ConfigKind.NullableInt:
                if (scalar.Text is null) return null;
                if (!scalar.Quoted && long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) return n;
                throw new UserInputException($"{where} must be an integer or null, got {Show(scalar)}");
            default:
                throw new InvalidOperationException($"unknown kind {key.Kind}");
        }
    }

    /// <summary>A numeric key's value with the range it declares, for an options record's
    /// <see cref="BoundedValue"/> list (a library caller's values are checked like the command line's).</summary>
    public BoundedValue Bound(string name, double? value)
    {
        var key = Find(name) ?? throw new ArgumentException($"no key '{name}' in {Action}", nameof(name));
        return new BoundedValue($"key '{name}'", value, key.Range ?? throw new ArgumentException($"key '{name}' declares no range", nameof(name)));
    }

    private static double? Numeric(object? value) => value switch
    {
        double d => d,
        long n => n,
        _ => null,
    };

    private static string Show(ConfigScalar s) => s.Text is null ? "null" : PyStr.Repr(s.Text);
}
