using GapLens.Core.Text;
using GapLens.Testing;

namespace GapLens.Core.Tests.Text;

public sealed class PyFloatTests
{
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(1.5e-07, "1.5e-07")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(0.09999999999999999, "0.09999999999999999")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(double.NaN, "nan")]
    public void ReprMatchesPythonExamples(double value, string expected) => Assert.Equal(expected, PyFloat.Repr(value));

    [Fact]
    public void ReprMatchesCPythonOnThousandsOfValues()
    {
        int n = 0;
        foreach (var c in TestData.PythonReference.GetProperty("repr_float").EnumerateArray())
        {
            double x = BitConverter.UInt64BitsToDouble(c.GetProperty("bits").GetUInt64());
            Assert.Equal(c.GetProperty("repr").GetString(), PyFloat.Repr(x));
            n++;
        }
        Assert.True(n > 2000);
    }

    [Fact]
    public void ReprIgnoresTheCurrentCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1.5e-07", PyFloat.Repr(1.5e-07));
            Assert.Equal("1234.5", PyFloat.Repr(1234.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
