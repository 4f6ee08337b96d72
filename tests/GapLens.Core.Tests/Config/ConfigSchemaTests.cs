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
    public void CfgJobYamlShowsMissingKeysAndQuotesWhatNeedsIt()
    {
        var cfg = Schema.Resolve([O("media", "'0012'")], allowMissing: true);
        Assert.Equal("path: ???\nthreshold: -1.0\ntop_k: 50\nmedia: '0012'\n", cfg.ToYaml());
    }
}
