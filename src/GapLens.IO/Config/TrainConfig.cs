using System.Collections.Immutable;
using GapLens.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GapLens.IO.Config;

/// <summary>What vcn_aoi reads from a Visual ChangeNet train YAML: the lightings (the keys of
/// <c>dataset.classify.input_map</c> in document order, or its items when it is a list) and the image
/// extension (<c>dataset.classify.image_ext</c>, with its dot; default ".jpg").</summary>
public sealed record TrainConfig(ImmutableArray<string> Lightings, string ImageExt)
{
    public static TrainConfig Load(string path)
    {
        var root = YamlSpecFile.LoadRoot(path, "train_config") as YamlMappingNode
            ?? throw new UserInputException($"train_config {path} must be a YAML mapping with dataset.classify.input_map");
        var classify = Child(Child(root, "dataset", path, "dataset"), "classify", path, "dataset.classify");
        if (!classify.Children.TryGetValue(new YamlScalarNode("input_map"), out var inputMap))
        {
            throw new UserInputException($"train_config {path}: missing key dataset.classify.input_map (the lightings, e.g. {{top: 0, side: 1}})");
        }
        ImmutableArray<string> lightings = inputMap switch
        {
            YamlMappingNode m => [.. m.Children.Select(kv => Lighting(kv.Key, kv.Value, path))],
            YamlSequenceNode s => [.. s.Children.Select(c => Name(c, path))],
            _ => throw new UserInputException($"train_config {path} line {inputMap.Start.Line}: dataset.classify.input_map must be a mapping of lighting name to channel, or a list of names"),
        };
        if (lightings.IsEmpty) throw new UserInputException($"train_config {path}: dataset.classify.input_map is empty; expected at least one lighting");
        // A mapping cannot repeat a key (the YAML parser refuses it); a list could, giving every row twice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, node) in lightings.Zip(inputMap is YamlSequenceNode seq ? seq.Children : []))
        {
            if (!seen.Add(name)) throw new UserInputException($"train_config {path} line {node.Start.Line}: dataset.classify.input_map lists the lighting '{name}' twice; each lighting must appear once");
        }
        string ext = ".jpg";
        if (classify.Children.TryGetValue(new YamlScalarNode("image_ext"), out var e))
        {
            if (e is not YamlScalarNode es) throw new UserInputException($"train_config {path} line {e.Start.Line}: dataset.classify.image_ext must be a file extension such as .png, got a {YamlSpecFile.Kind(e)}");
            if (es.Value is { Length: > 0 } v) ext = v;
        }
        return new TrainConfig(lightings, ext);
    }

    /// <summary>One <c>name: channel</c> entry: a name, and a channel index (a whole number &gt;= 0).</summary>
    private static string Lighting(YamlNode key, YamlNode value, string path)
    {
        string name = Name(key, path);
        if (value is not YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } scalar
            || !int.TryParse(scalar.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            string got = value is YamlScalarNode s ? $"'{s.Value}'" : $"a {YamlSpecFile.Kind(value)}";
            throw new UserInputException($"train_config {path} line {value.Start.Line}: dataset.classify.input_map.{name} must be a channel index (a whole number >= 0), got {got}");
        }
        return name;
    }

    /// <summary>A lighting name: a non-empty scalar (it becomes part of every image file name).</summary>
    private static string Name(YamlNode node, string path) => node is YamlScalarNode { Value: { Length: > 0 } v }
        ? v
        : throw new UserInputException($"train_config {path} line {node.Start.Line}: a lighting name in dataset.classify.input_map must be a non-empty name, got {(node is YamlScalarNode ? "an empty value" : "a " + YamlSpecFile.Kind(node))}");

    private static YamlMappingNode Child(YamlMappingNode node, string key, string path, string where) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode m
            ? m
            : throw new UserInputException($"train_config {path}: missing or non-mapping key {where}");
}
