using GapLens.Core;
using GapLens.Core.Config;
using GapLens.IO.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GapLens.IO.Config;

/// <summary>Reads a TAO experiment spec file (a flat YAML mapping of key: scalar) in document order.</summary>
public static class YamlSpecFile
{
    public static IReadOnlyList<KeyValuePair<string, ConfigScalar>> LoadFlat(string path)
    {
        var root = LoadRoot(path, "experiment spec file");
        if (root is null) return [];
        if (root is not YamlMappingNode map)
        {
            throw new UserInputException($"experiment spec file {path} must be a YAML mapping of key: value (got a {Kind(root)}).");
        }
        var result = new List<KeyValuePair<string, ConfigScalar>>();
        foreach (var (k, v) in map.Children)
        {
            string key = ((YamlScalarNode)k).Value ?? "";
            string source = $"{path}:{k.Start.Line}";
            if (v is not YamlScalarNode scalar)
            {
                throw new UserInputException($"key '{key}' in {source} must be a single value, got a {Kind(v)}.");
            }
            result.Add(new(key, ToScalar(scalar, source)));
        }
        return result;
    }

    /// <summary>Parses a YAML file's first document; null for an empty file. Errors name file and line.</summary>
    public static YamlNode? LoadRoot(string path, string what)
    {
        using var reader = new StreamReader(InputFile.OpenForReading(path, what, "a YAML file"));
        try
        {
            var stream = new YamlStream();
            stream.Load(reader);
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{what} {path} line {ex.Start.Line}: invalid YAML: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read {what} {path}: {ex.Message}");
        }
    }

    /// <summary>YAML 1.1/OmegaConf reading of a scalar: plain <c>null</c>, <c>~</c> and empty are null.</summary>
    public static ConfigScalar ToScalar(YamlScalarNode node, string source)
    {
        bool quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        string? text = node.Value;
        if (!quoted && (text is null || text.Length == 0 || text is "null" or "Null" or "NULL" or "~")) text = null;
        return new ConfigScalar(text, quoted, source);
    }

    private static string Kind(YamlNode n) => n switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
