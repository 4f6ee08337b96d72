using GapLens.Core.Text;
using GapLens.Testing;

namespace GapLens.Core.Tests.Text;

public sealed class PyFormatTests
{
    [Theory]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(0.375, 2, "0.38")]
    [InlineData(2.675, 2, "2.67")]
    [InlineData(0.5, 0, "0")]
    [InlineData(1.5, 0, "2")]
    [InlineData(-0.0, 1, "-0.0")]
    [InlineData(50.0, 1, "50.0")]
    public void FixedRoundsHalfToEvenOnTheBinaryValue(double x, int decimals, string expected) =>
        Assert.Equal(expected, PyFormat.Fixed(x, decimals));

    [Fact]
    public void MatchesCPythonFormatOnRecordedValues()
    {
        int n = 0;
        foreach (var c in TestData.PythonReference.GetProperty("format_fixed").EnumerateArray())
        {
            double x = BitConverter.UInt64BitsToDouble(c.GetProperty("bits").GetUInt64());
            Assert.Equal(c.GetProperty("f0").GetString(), PyFormat.Fixed(x, 0));
            Assert.Equal(c.GetProperty("f1").GetString(), PyFormat.Fixed(x, 1));
            Assert.Equal(c.GetProperty("f4").GetString(), PyFormat.Fixed(x, 4));
            Assert.Equal(c.GetProperty("pct0").GetString(), PyFormat.Percent(x, 0));
            n++;
        }
        Assert.True(n > 1000);
    }

    [Fact]
    public void JoinsLikePurePosixPath()
    {
        foreach (var c in TestData.PythonReference.GetProperty("posix_join").EnumerateArray())
        {
            string[] parts = [.. c.GetProperty("parts").EnumerateArray().Select(p => p.GetString()!)];
            Assert.Equal(c.GetProperty("joined").GetString(), PurePosixPath.Join(parts));
        }
    }
}
