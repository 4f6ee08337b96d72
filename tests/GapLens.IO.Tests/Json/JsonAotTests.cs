using GapLens.IO.Json;
using GapLens.Testing;

namespace GapLens.IO.Tests.Json;

/// <summary>./gaplens is compiled ahead of time: every enum in GapLens' JSON needs a converter that
/// exists without run-time code generation (<see cref="JsonEnums"/>).</summary>
public sealed class JsonAotTests
{
    [Fact]
    public void EveryEnumInGapLensJsonHasItsOwnConverter()
    {
        var roots = JsonEnums.Roots(GapLensJsonContext.Default);
        Assert.True(roots.Count >= 20, $"found only {roots.Count} root types");
        Assert.True(JsonEnums.Reachable(GapLensJson.Options, roots).Count > 60);
        Assert.Empty(JsonEnums.WithoutOwnConverter(GapLensJson.Options, roots));
        Assert.Empty(JsonEnums.WithoutOwnConverter(GapLensJson.Compact, roots));
    }

    [Fact]
    public void EnumsAreWrittenAsSnakeCaseNamesAndNumbersAreRefused()
    {
        Assert.Equal("\"gate_failed\"", GapLensJson.SerializeToString(Core.Runs.RunStatus.GateFailed, indented: false));
        Assert.Throws<System.Text.Json.JsonException>(() => GapLensJson.Deserialize<Core.Runs.RunStatus>("1"u8));
    }
}
