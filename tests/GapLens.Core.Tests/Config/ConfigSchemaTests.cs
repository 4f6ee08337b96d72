using GapLens.Core.Config;

namespace GapLens.Core.Tests.Config;

public sealed class ConfigSchemaTests
{
    private static readonly ConfigSchema Schema = new("demo",
    [
        new ConfigKey("path", ConfigKind.String, true, null, "Input file."),
        new ConfigKey("threshold", ConfigKind.Float, false, -1.0, "Threshold."),
        new ConfigKey("top_k", ConfigKind.NullableInt, false, 50L, "K."),
        new ConfigKey("media", ConfigKind.String, false, "", "Media root."),
    ]);

    private static KeyValuePair<string, ConfigScalar> O(string k, string v) => new(k, ConfigScalar.FromOverride(v, "command line"));

    [Fact]
    public void LaterValuesWinAndDefaultsFillTheRest()
    {
        var cfg = Schema.Resolve([O("path", "a.json"), O("threshold", "0.5"), O("path", "b.json")]);
        Assert.Equal("b.json", cfg.GetString("path"));
        Assert.Equal(0.5, cfg.GetDouble("threshold"));
        Assert.Equal(50L, cfg.GetNullableInt("top_k"));
        Assert.Equal("", cfg.GetOptionalString("media"));
    }

    [Fact]
    public void NullQuotedAndNumericTextAreReadHydrasWay()
    {
        var cfg = Schema.Resolve([O("path", "'0012'"), O("top_k", "null"), O("media", "123")]);
        Assert.Equal("0012", cfg.GetString("path"));
        Assert.Null(cfg.GetNullableInt("top_k"));
        Assert.Equal("123", cfg.GetString("media"));
    }

    [Fact]
    public void UnknownKeyListsTheValidKeys()
    {
        var ex = Assert.Throws<UserInputException>(() => Schema.Resolve([O("path", "a"), O("treshold", "1")]));
        Assert.Equal("unknown key 'treshold' for demo (from command line); valid keys: path, threshold, top_k, media", ex.Message);
    }

    [Fact]
    public void MissingRequiredKeyIsNamed()
    {
        var ex = Assert.Throws<UserInputException>(() => Schema.Resolve([O("path", "???")]));
        Assert.StartsWith("missing required key 'path' for demo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypesSayWhatWasSeen()
    {
        var ex = Assert.Throws<UserInputException>(() => Schema.Resolve([O("path", "a"), O("threshold", "high")]));
        Assert.Equal("key 'threshold' (from command line) must be a number, got 'high'", ex.Message);
        var ex2 = Assert.Throws<UserInputException>(() => Schema.Resolve([O("path", "a"), O("top_k", "1.5")]));
        Assert.Equal("key 'top_k' (from command line) must be an integer or null, got '1.5'", ex2.Message);
    }

    [Fact]
    public void DeclaredRangesAreCheckedWithTheSourceOfTheValue()
    {
        var ranged = new ConfigSchema("demo",
        [
            new ConfigKey("recall", ConfigKind.Float, false, 1.0, "Recall.", Range: ValueRange.Closed(0, 1)),
            new ConfigKey("k", ConfigKind.NullableInt, false, 50L, "K.", Range: ValueRange.Integers(1, int.MaxValue) with { NullMeans = "all rows" }),
        ]);
        Assert.Equal(0.0, ranged.Resolve([O("recall", "0")]).GetDouble("recall"));
        Assert.Null(ranged.Resolve([O("k", "null")]).GetNullableInt("k"));
        Assert.Equal("key 'recall' (from spec.yaml) must be a number in [0, 1], got 1.5",
            Assert.Throws<UserInputException>(() => ranged.Resolve([new("recall", ConfigScalar.FromOverride("1.5", "spec.yaml"))])).Message);
        Assert.Equal("key 'recall' (from command line) must be a number in [0, 1], got NaN",
            Assert.Throws<UserInputException>(() => ranged.Resolve([O("recall", "nan")])).Message);
        Assert.Equal("key 'k' (from command line) must be an integer in [1, 2147483647], or null (all rows), got 3000000000",
            Assert.Throws<UserInputException>(() => ranged.Resolve([O("k", "3000000000")])).Message);
        // --cfg=job checks them too: it prints only configurations that would run.
        Assert.Throws<UserInputException>(() => ranged.Resolve([O("k", "0")], allowMissing: true));
        Assert.Equal("key 'recall' must be a number in [0, 1], got -0.5",
            Assert.Throws<UserInputException>(() => BoundedValue.CheckAll([ranged.Bound("recall", -0.5)])).Message);
    }

    [Fact]
    public void CfgJobYamlShowsMissingKeysAndQuotesWhatNeedsIt()
    {
        var cfg = Schema.Resolve([O("media", "'0012'")], allowMissing: true);
        Assert.Equal("path: ???\nthreshold: -1.0\ntop_k: 50\nmedia: '0012'\n", cfg.ToYaml());
    }
}
