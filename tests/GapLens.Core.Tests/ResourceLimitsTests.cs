namespace GapLens.Core.Tests;

public sealed class ResourceLimitsTests
{
    private static ResourceLimits From(params (string Name, string Value)[] vars) =>
        ResourceLimits.FromEnvironment(n => vars.FirstOrDefault(v => v.Name == n).Value);

    [Fact]
    public void UnsetOrEmptyVariablesGiveTheDefaults()
    {
        Assert.Equal(ResourceLimits.Defaults, From());
        Assert.Equal(ResourceLimits.Defaults, From((ResourceLimits.MaxRecordBytesVariable, " ")));
        Assert.Equal((64L << 20, 100_000_000L, TimeSpan.FromSeconds(120), 1L << 30),
            (ResourceLimits.Defaults.MaxRecordBytes, ResourceLimits.Defaults.MaxImagePixels, ResourceLimits.Defaults.FfmpegTimeout, ResourceLimits.Defaults.FfmpegMaxOutputBytes));
    }

    [Fact]
    public void SizesTakeBinarySuffixesAndSecondsAFraction()
    {
        var l = From((ResourceLimits.MaxRecordBytesVariable, "256M"), (ResourceLimits.MaxImagePixelsVariable, "1000"),
            (ResourceLimits.FfmpegTimeoutVariable, "2.5"), (ResourceLimits.FfmpegMaxOutputBytesVariable, "3g"));
        Assert.Equal((256L << 20, 1000L, TimeSpan.FromSeconds(2.5), 3L << 30), (l.MaxRecordBytes, l.MaxImagePixels, l.FfmpegTimeout, l.FfmpegMaxOutputBytes));
        Assert.Equal(1024, From((ResourceLimits.MaxRecordBytesVariable, "1K")).MaxRecordBytes);
    }

    [Theory]
    [InlineData(ResourceLimits.MaxRecordBytesVariable, "abc")]
    [InlineData(ResourceLimits.MaxRecordBytesVariable, "0")]
    [InlineData(ResourceLimits.MaxRecordBytesVariable, "-5")]
    [InlineData(ResourceLimits.MaxRecordBytesVariable, "1.5M")]
    [InlineData(ResourceLimits.MaxRecordBytesVariable, "99999999999G")]
    [InlineData(ResourceLimits.MaxImagePixelsVariable, "1e9")]
    [InlineData(ResourceLimits.FfmpegTimeoutVariable, "0")]
    [InlineData(ResourceLimits.FfmpegTimeoutVariable, "NaN")]
    [InlineData(ResourceLimits.FfmpegTimeoutVariable, "1e9")]
    public void AValueThatDoesNotParseIsAUserErrorNamingTheVariable(string name, string value)
    {
        var ex = Assert.Throws<UserInputException>(() => From((name, value)));
        Assert.StartsWith($"environment variable {name}='{value}' is not a ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unset it for the default", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(64L << 20, "64 MiB")]
    [InlineData(1L << 30, "1 GiB")]
    [InlineData(1536, "1536 bytes")]
    [InlineData(2048, "2 KiB")]
    public void SizesAreDescribedInTheLargestWholeUnit(long bytes, string text) => Assert.Equal(text, ResourceLimits.Describe(bytes));
}
