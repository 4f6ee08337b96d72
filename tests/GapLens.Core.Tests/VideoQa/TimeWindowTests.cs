using System.Globalization;
using GapLens.Core.VideoQa;

namespace GapLens.Core.Tests.VideoQa;

public sealed class TimeWindowTests
{
    [Theory]
    [InlineData("00:15-00:19", 15, 19)]
    [InlineData("01:02:03-01:02:10", 3723, 3730)]
    [InlineData(" 1:05 - 1:07 ", 65, 67)]
    [InlineData("12.5-14", 12.5, 14)]
    [InlineData("00:00:00-00:00:00", 0, 0)]
    [InlineData("00:59:59.5-01:00:00", 3599.5, 3600)]
    public void ReadsHoursMinutesAndSecondsOnBothEnds(string text, double start, double end)
    {
        var w = TimeWindow.TryParse(text, out string? problem);
        Assert.Null(problem);
        Assert.Equal(new TimeWindow(start, end), w);
    }

    [Theory]
    [InlineData("00:19-00:15", "ends before it starts")]
    [InlineData("00:75-00:80", "is not a window")]
    [InlineData("0:10-0:xx", "is not a window")]
    [InlineData("15", "is not a window")]
    [InlineData("-5-10", "is not a window")]
    [InlineData("NaN-Infinity", "is not a window")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void RefusesWhatIsNotAWindowWithAReason(string? text, string reason)
    {
        Assert.Null(TimeWindow.TryParse(text, out string? problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainsHonoursTheToleranceOnBothSidesInclusively()
    {
        var w = new TimeWindow(100, 110);
        Assert.True(w.Contains(95, 5));
        Assert.False(w.Contains(94.999, 5));
        Assert.True(w.Contains(115, 5));
        Assert.False(w.Contains(115.001, 5));
        Assert.True(w.Contains(100));
        Assert.False(w.Contains(99.9));
    }

    [Fact]
    public void FormatsUnderACommaDecimalCultureAsClockTime()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("0:00", TimeWindow.Format(0));
            Assert.Equal("1:15", TimeWindow.Format(75.9));
            Assert.Equal("1:00:00", TimeWindow.Format(3600));
            Assert.Equal("0:00", TimeWindow.Format(-3));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void OptionLettersAreReadFromLinesThatStartWithALetterInParentheses()
    {
        Assert.Equal(['A', 'B', 'C'], QuestionOptions.Letters("Which?\n(A) one\n  (B) two (A) inline\n(C) three\n(B) again").ToArray());
        Assert.Empty(QuestionOptions.Letters("No options here (A) inline only"));
        Assert.Empty(QuestionOptions.Letters(""));
    }
}
