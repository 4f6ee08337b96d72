using GapLens.Core.Text;
using GapLens.Testing;

namespace GapLens.Core.Tests.Text;

public sealed class PyStrTests
{
    [Fact]
    public void ReprMatchesCPython()
    {
        foreach (var c in TestData.PythonReference.GetProperty("repr_str").EnumerateArray())
        {
            Assert.Equal(c.GetProperty("repr").GetString(), PyStr.Repr(c.GetProperty("s").GetString()!));
        }
    }

    [Fact]
    public void SlicingAndLengthCountCodePointsNotUtf16Units()
    {
        string s = "ab\U0001F600cd";
        Assert.Equal(5, PyStr.CodePointLength(s));
        Assert.Equal("ab\U0001F600", PyStr.PrefixCodePoints(s, 3));
        Assert.Equal(s, PyStr.PrefixCodePoints(s, 10));
    }

    [Fact]
    public void LowerUsesTheFullMappingForDottedCapitalI()
    {
        Assert.Equal("i\u0307stanbul", PyStr.Lower("\u0130STANBUL"));
        Assert.Equal("abc", PyStr.Lower("ABC"));
    }
}
