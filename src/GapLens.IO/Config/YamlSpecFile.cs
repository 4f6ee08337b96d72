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
            string source = $"{path}:{k.Start.Line}";
            if (k is not YamlScalarNode keyNode) throw new UserInputException($"experiment spec file {source}: a key must be a name, got a {Kind(k)}.");
            string key = keyNode.Value ?? "";
            if (v is not YamlScalarNode scalar)
            {
                throw new UserInputException($"key '{key}' in {source} must be a single value, got a {Kind(v)}.");
            }
            result.Add(new(key, ToScalar(scalar, source)));
        }
        return result;
    }

    /// <summary>
    /// Parses a YAML file's first document; null for an empty file. Errors name file and line. The file
    /// must be UTF-8 and at most <see cref="ResourceLimits.MaxRecordBytes"/> long. Keys must be names
    /// (scalars): a list or mapping used as a key, or an alias inside the node it names, is refused
    /// before the document is built (the YAML library would hash such keys forever or overflow the stack).
    /// </summary>
    public static YamlNode? LoadRoot(string path, string what)
    {
        string text = ReadText(path, what);
        try
        {
            CheckKeys(text, path, what);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException ex)
        {
            throw new UserInputException($"{what} {path} line {ex.Start.Line}: invalid YAML: {ex.Message}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // The YAML library throws these, not YamlException, on some malformed documents.
            throw new UserInputException($"{what} {path}: invalid YAML ({ex.Message.Split('\n')[0]})");
        }
    }

    private static string ReadText(string path, string what)
    {
        byte[] bytes = InputFile.ReadAllBounded(path, what, "a YAML file");
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new UserInputException($"{what} {path} is not UTF-8 text; save it as UTF-8");
        }
    }

    /// <summary>Walks the parser's events: every mapping key is a scalar (or an alias of one), and no
    /// alias points into a collection that is still open (a node containing itself).</summary>
    private static void CheckKeys(string text, string path, string what)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<(bool Mapping, string? Anchor)>();
        var expectKey = new Stack<bool>();
        var scalarAnchors = new HashSet<string>(StringComparer.Ordinal);
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (e is YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd)
            {
                open.Pop();
                expectKey.Pop();
                continue;
            }
            if (e is not (YamlDotNet.Core.Events.NodeEvent or YamlDotNet.Core.Events.AnchorAlias)) continue;
            bool isKey = open.Count > 0 && open.Peek().Mapping && expectKey.Peek();
            if (open.Count > 0 && open.Peek().Mapping) expectKey.Push(!expectKey.Pop());
            if (e is YamlDotNet.Core.Events.AnchorAlias alias)
            {
                string name = alias.Value.Value;
                if (open.Any(o => o.Anchor == name))
                {
                    throw new UserInputException($"{what} {path} line {e.Start.Line}: invalid YAML: the alias *{name} is inside the node &{name} it names (a node cannot contain itself)");
                }
                if (isKey && !scalarAnchors.Contains(name)) throw NotAName(path, what, e);
                continue;
            }
            var node = (YamlDotNet.Core.Events.NodeEvent)e;
            string? anchor = node.Anchor.IsEmpty ? null : node.Anchor.Value;
            if (node is YamlDotNet.Core.Events.Scalar)
            {
                if (anchor is not null) scalarAnchors.Add(anchor);
                continue;
            }
            if (isKey) throw NotAName(path, what, e);
            open.Push((node is YamlDotNet.Core.Events.MappingStart, anchor));
            expectKey.Push(true);
        }
    }

    private static UserInputException NotAName(string path, string what, YamlDotNet.Core.Events.ParsingEvent e) =>
        new($"{what} {path} line {e.Start.Line}: a key must be a name, not a list or a mapping");

    /// <summary>YAML 1.1/OmegaConf reading of a scalar: plain <c>null</c>, <c>~</c> and empty are null.</summary>
    public static ConfigScalar ToScalar(YamlScalarNode node, string source)
    {
        bool quoted = node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
        string? text = node.Value;
        if (!quoted && (text is null || text.Length == 0 || text is "null" or "Null" or "NULL" or "~")) text = null;
        return new ConfigScalar(text, quoted, source);
    }

    /// <summary>What a node is, for messages: mapping, list or scalar.</summary>
    internal static string Kind(YamlNode n) => n switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "scalar",
    };
}
