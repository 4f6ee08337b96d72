using GapLens.Core.Config;

namespace GapLens.Core.Tests.Config;

public sealed class ValueRangeTests
{
    [Theory]
    [InlineData(0.0, true)]
    [InlineData(1.0, true)]
    [InlineData(0.5, true)]
    [InlineData(1.5, false)]
    [InlineData(-1e-300, false)]
    [InlineData(1.0000000000000002, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void AClosedRangeKeepsBothEndsAndRefusesNonFiniteValues(double value, bool inside) =>
        Assert.Equal(inside, ValueRange.Closed(0, 1).Contains(value));

    [Fact]
    public void AnOpenEndExcludesItsValue()
    {
        var r = ValueRange.AboveUpTo(0, 3600);
        Assert.False(r.Contains(0));
        Assert.True(r.Contains(double.Epsilon));
        Assert.True(r.Contains(3600));
        Assert.False(r.Contains(3600.0000000000005));
    }

    [Fact]
    public void IntegersOnlyRefuseFractionsAndNullNeedsAMeaning()
    {
        var r = ValueRange.Integers(1, int.MaxValue);
        Assert.True(r.Contains(1));
        Assert.True(r.Contains(int.MaxValue));
        Assert.False(r.Contains(2.5));
        Assert.False(r.Contains(0));
        Assert.False(r.Contains(int.MaxValue + 1.0));
        Assert.False(r.Contains(null));
        Assert.True((r with { NullMeans = "all" }).Contains(null));
    }

    [Fact]
    public void FiniteAcceptsAnyFiniteNumberIncludingHugeAndNegative()
    {
        var r = ValueRange.Finite();
        Assert.True(r.Contains(-1e308));
        Assert.True(r.Contains(double.MaxValue));
        Assert.False(r.Contains(double.NegativeInfinity));
        Assert.False(r.Contains(double.NaN));
    }

    [Theory]
    [InlineData(0, 1, false, false, false, "a number in [0, 1]")]
    [InlineData(0, 600, true, false, false, "a number in (0, 600]")]
    [InlineData(1, 5, false, true, false, "a number in [1, 5)")]
    [InlineData(1, 256, false, false, true, "an integer in [1, 256]")]
    [InlineData(1, double.PositiveInfinity, false, false, true, "an integer >= 1")]
    [InlineData(0, double.PositiveInfinity, true, false, false, "a number > 0")]
    [InlineData(double.NegativeInfinity, 0, false, true, false, "a number < 0")]
    [InlineData(double.NegativeInfinity, double.PositiveInfinity, false, false, false, "a finite number")]
    public void TheRangeIsSaidInWords(double min, double max, bool minOpen, bool maxOpen, bool integer, string expected) =>
        Assert.Equal(expected, new ValueRange(min, max, minOpen, maxOpen, integer).ToString());

    [Fact]
    public void CheckThrowsOneLineNamingTheOptionTheValueAndTheRange()
    {
        var ex = Assert.Throws<UserInputException>(() => ValueRange.Closed(1, 5).Check("--pass-at", 7));
        Assert.Equal("--pass-at must be a number in [1, 5], got 7", ex.Message);
        var k = ValueRange.Integers(1, 10) with { NullMeans = "every row" };
        Assert.Equal("key 'k' must be an integer in [1, 10], or null (every row), got 0",
            Assert.Throws<UserInputException>(() => k.Check("key 'k'", 0)).Message);
        Assert.Equal("t must be a finite number (negative: sweep), got NaN",
            Assert.Throws<UserInputException>(() => ValueRange.Finite("negative: sweep").Check("t", double.NaN)).Message);
        Assert.Equal("x must be a number in [0, 1], got null", Assert.Throws<UserInputException>(() => ValueRange.Closed(0, 1).Check("x", null)).Message);
        ValueRange.Closed(0, 1).Check("x", 0.25); // inside: no exception
    }

    [Fact]
    public void CheckAllStopsAtTheFirstValueOutOfRange()
    {
        var ex = Assert.Throws<UserInputException>(() => BoundedValue.CheckAll(
        [
            new("a", 0.5, ValueRange.Closed(0, 1)),
            new("b", 2, ValueRange.Closed(0, 1)),
            new("c", -1, ValueRange.Closed(0, 1)),
        ]));
        Assert.Equal("b must be a number in [0, 1], got 2", ex.Message);
        BoundedValue.CheckAll([]);
    }

    [Fact]
    public void MessagesDoNotDependOnTheCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("m must be a number in (0, 4], got 4.5", Assert.Throws<UserInputException>(() => ValueRange.AboveUpTo(0, 4).Check("m", 4.5)).Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
