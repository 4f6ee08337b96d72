using GapLens.Testing;

namespace GapLens.Perception.Tests;

/// <summary>./gaplens is compiled ahead of time: every enum in the Perception results needs a
/// converter that exists without run-time code generation (<see cref="JsonEnums"/>).</summary>
public sealed class PerceptionJsonAotTests
{
    [Fact]
    public void EveryEnumInThePerceptionResultsHasItsOwnConverter()
    {
        var roots = JsonEnums.Roots(PerceptionJsonContext.Default);
        Assert.Equal(4, roots.Count);
        Assert.True(JsonEnums.Reachable(PerceptionJson.Options, roots).Count > 10);
        Assert.Empty(JsonEnums.WithoutOwnConverter(PerceptionJson.Options, roots));
    }
}
