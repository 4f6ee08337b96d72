using System.Collections.Immutable;
using GapLens.Core;
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
            YamlMappingNode m => [.. m.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "")],
            YamlSequenceNode s => [.. s.Children.Select(c => c is YamlScalarNode v ? v.Value ?? "" :
                throw new UserInputException($"train_config {path} line {c.Start.Line}: dataset.classify.input_map items must be names"))],
            _ => throw new UserInputException($"train_config {path} line {inputMap.Start.Line}: dataset.classify.input_map must be a mapping of lighting name to channel, or a list of names"),
        };
        if (lightings.IsEmpty) throw new UserInputException($"train_config {path}: dataset.classify.input_map is empty; expected at least one lighting");
        string ext = classify.Children.TryGetValue(new YamlScalarNode("image_ext"), out var e) && e is YamlScalarNode es && es.Value is { Length: > 0 } v
            ? v
            : ".jpg";
        return new TrainConfig(lightings, ext);
    }

    private static YamlMappingNode Child(YamlMappingNode node, string key, string path, string where) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) && child is YamlMappingNode m
            ? m
            : throw new UserInputException($"train_config {path}: missing or non-mapping key {where}");
}
