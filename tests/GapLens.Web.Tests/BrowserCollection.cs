namespace GapLens.Web.Tests;

/// <summary>The browser tests share one Chromium and run one at a time (the machine has 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "chromium";
}
