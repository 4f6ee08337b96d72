using GapLens.Core;
using GapLens.IO.Config;
using GapLens.Testing;

namespace GapLens.IO.Tests.Config;

public sealed class YamlSpecFileTests : TempDirTest
{
    [Fact]
    public void ReadsKeysInOrderWithNullsAndQuotedStrings()
    {
        var values = YamlSpecFile.LoadFlat(Dir.File("s.yaml", "predictions_json: p.json\nvideos_dir: \"\"\nresults_dir: ???\ntop_k: null\nname: '0012'\n"));
        Assert.Equal(["predictions_json", "videos_dir", "results_dir", "top_k", "name"], values.Select(v => v.Key));
        Assert.Equal("", values[1].Value.Text);
        Assert.True(values[2].Value.IsMissingMarker);
        Assert.Null(values[3].Value.Text);
        Assert.True(values[4].Value.Quoted);
    }

    [Fact]
    public void NestedValuesAndBadYamlAreUserErrorsWithALine()
    {
        var nested = Assert.Throws<UserInputException>(() => YamlSpecFile.LoadFlat(Dir.File("n.yaml", "a: 1\nb:\n  c: 2\n")));
        Assert.Contains("key 'b'", nested.Message, StringComparison.Ordinal);
        Assert.Contains("n.yaml:2", nested.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<UserInputException>(() => YamlSpecFile.LoadFlat(Dir.File("b.yaml", "a: 1\n  b: [\n")));
        Assert.Contains("invalid YAML", bad.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<UserInputException>(() => YamlSpecFile.LoadFlat(Dir.Combine("none.yaml")));
        Assert.StartsWith("FileNotFoundError", missing.Message, StringComparison.Ordinal);
    }
}
