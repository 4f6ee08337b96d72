using GapLens.Core;
using GapLens.IO.Config;
using GapLens.Testing;

namespace GapLens.IO.Tests.Config;

/// <summary>The VCN train YAML as vcn_aoi reads it, and every malformed shape a user error with a line.</summary>
public sealed class TrainConfigTests : TempDirTest
{
    private string Error(string yaml)
    {
        string path = Dir.File("train.yaml", yaml);
        var ex = Assert.Throws<UserInputException>(() => TrainConfig.Load(path));
        Assert.DoesNotContain('\n', ex.Message);
        return ex.Message.Replace(path, "train.yaml", StringComparison.Ordinal);
    }

    [Fact]
    public void LightingsAreTheInputMapKeysInDocumentOrderOrTheListItems()
    {
        var map = TrainConfig.Load(Dir.File("a.yaml", "dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n      low: 2\n    image_ext: .png\n"));
        Assert.Equal(["top", "side", "low"], map.Lightings.ToArray());
        Assert.Equal(".png", map.ImageExt);
        var list = TrainConfig.Load(Dir.File("b.yaml", "dataset: {classify: {input_map: [b, a]}}\n"));
        Assert.Equal(["b", "a"], list.Lightings.ToArray());
        Assert.Equal(".jpg", list.ImageExt);
    }

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("1.5", "'1.5'")]
    [InlineData("-1", "'-1'")]
    [InlineData("'0'", "'0'")]
    [InlineData("{x: 1}", "a mapping")]
    [InlineData("[0]", "a list")]
    public void InputMapValuesMustBeChannelIndices(string value, string got) =>
        Assert.Equal($"train_config train.yaml line 5: dataset.classify.input_map.side must be a channel index (a whole number >= 0), got {got}",
            Error($"dataset:\n  classify:\n    input_map:\n      top: 0\n      side: {value}\n"));

    [Fact]
    public void AnInputMapEntryWithoutAChannelIsAnError() =>
        Assert.Contains("dataset.classify.input_map.side must be a channel index (a whole number >= 0), got ''",
            Error("dataset:\n  classify:\n    input_map:\n      top: 0\n      side:\n"), StringComparison.Ordinal);

    [Fact]
    public void ARepeatedLightingNameIsAnErrorInAListAndInAMapping()
    {
        Assert.Equal("train_config train.yaml line 1: dataset.classify.input_map lists the lighting 'top' twice; each lighting must appear once",
            Error("dataset: {classify: {input_map: [top, side, top]}}\n"));
        Assert.Contains("invalid YAML: Duplicate key top", Error("dataset: {classify: {input_map: {top: 0, top: 1}}}\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dataset: {classify: {input_map: {[a, b]: 1}}}\n", "line 1: a key must be a name, not a list or a mapping")]
    [InlineData("dataset: {classify: {input_map: {? {a: 1} : 1}}}\n", "line 1: a key must be a name, not a list or a mapping")]
    [InlineData("dataset: {classify: {input_map: [[a]]}}\n", "a lighting name in dataset.classify.input_map must be a non-empty name, got a list")]
    [InlineData("dataset: {classify: {input_map: {\"\": 0}}}\n", "a lighting name in dataset.classify.input_map must be a non-empty name, got an empty value")]
    [InlineData("dataset: {classify: {input_map: [top], image_ext: [x]}}\n", "dataset.classify.image_ext must be a file extension such as .png, got a list")]
    public void NamesMustBeNames(string yaml, string expected) => Assert.Contains(expected, Error(yaml), StringComparison.Ordinal);

    [Theory]
    [InlineData("{top: 0")]
    [InlineData("dataset: {classify: {input_map: {top: 0\n")]
    [InlineData("dataset: {classify: {input_map: [top\n")]
    [InlineData("dataset%: {classif\ny: {input_map: {op: 0,  1}, image_ext: .png}\n")] // the YAML library threw InvalidOperationException here
    [InlineData("- ?  : b\n")] // and ArgumentException here
    public void MalformedFlowStyleYamlIsAUserError(string yaml) => Assert.StartsWith("train_config train.yaml", Error(yaml), StringComparison.Ordinal);

    [Theory]
    [InlineData("? &x [1, *x]\n: a\n", "line 1: a key must be a name, not a list or a mapping")]
    [InlineData("dataset: &x {classify: {input_map: {? *x : 1}}}\n", "line 1: invalid YAML: the alias *x is inside the node &x it names")]
    [InlineData("a: &x [1, *x]\ndataset: {classify: {input_map: *x}}\n", "line 1: invalid YAML: the alias *x is inside the node &x it names")]
    public void ANodeThatContainsItselfIsRefusedNotAStackOverflow(string yaml, string expected) =>
        Assert.Contains(expected, Error(yaml), StringComparison.Ordinal);

    [Fact]
    public void AnAliasOfAScalarMayBeAKey()
    {
        var c = TrainConfig.Load(Dir.File("a.yaml", "names: [&t top]\ndataset: {classify: {input_map: {*t : 0}}}\n"));
        Assert.Equal(["top"], c.Lightings.ToArray());
    }

    [Fact]
    public void BytesThatAreNotUtf8AndAnEndlessFileAreUserErrors()
    {
        string path = Dir.Combine("bad.yaml");
        File.WriteAllBytes(path, [.. "dataset: {classify: {input_map: [t"u8.ToArray(), 0xFF, .. "]}}\n"u8.ToArray()]);
        Assert.Equal($"train_config {path} is not UTF-8 text; save it as UTF-8", Assert.Throws<UserInputException>(() => TrainConfig.Load(path)).Message);
        string zero = Dir.Combine("zero.yaml");
        File.CreateSymbolicLink(zero, "/dev/zero");
        Assert.StartsWith($"train_config {zero} is larger than 64 MiB, the limit for one record",
            Assert.Throws<UserInputException>(() => TrainConfig.Load(zero)).Message, StringComparison.Ordinal);
    }
}
