using System.CommandLine;
using GapLens.Core.Config;

namespace GapLens.Cli.Commands;

/// <summary>
/// Idiomatic flags (<c>--predictions F</c>) generated from an action's schema, so the flag form and the
/// TAO key=value form share one options record and one set of checks.
/// </summary>
internal sealed class SchemaOptions
{
    private readonly List<(ConfigKey Key, Option<string?> Option)> _options = [];

    public SchemaOptions(ConfigSchema schema)
    {
        foreach (var key in schema.Keys)
        {
            string flag = key.FlagName ?? "--" + key.Name.Replace('_', '-');
            string req = key.Required ? " (required)" : "";
            string range = key.Range is { } r ? $" Must be {r}." : "";
            _options.Add((key, new Option<string?>(flag) { Description = key.Description + range + req }));
        }
    }

    public IEnumerable<Option> Options => _options.Select(o => o.Option);

    /// <summary>The values given on the command line, as config scalars named by schema key.</summary>
    public IEnumerable<KeyValuePair<string, ConfigScalar>> Values(ParseResult parse)
    {
        foreach (var (key, option) in _options)
        {
            if (parse.GetResult(option) is null) continue;
            string? text = parse.GetValue(option);
            yield return new(key.Name, text is null ? new ConfigScalar(null, false, option.Name) : ConfigScalar.FromOverride(text, option.Name));
        }
    }
}
