namespace GapLens.Slices.Tests;

/// <summary>Which text columns are free text (not features by default): sentences, file paths, mostly
/// distinct text with spaces; and which are categories even with spaces or slashes.</summary>
public sealed class FreeTextRuleTests
{
    private static string? Why(string[] values, int rows) => FreeTextRule.Why(values, [.. values.Select(_ => double.NaN)], rows);

    [Theory]
    [InlineData("clips/cam03/clip_00000.mp4", true)]
    [InlineData("C:\\data\\img 01.PNG", true)]
    [InlineData("boards/board_01", false)]
    [InlineData("a/b.", false)]
    [InlineData("a/b.123", false)]
    [InlineData("a/b.abcdef", false)]
    [InlineData("model_3.5", false)]
    [InlineData("v1.2/x.tar", true)]
    public void FilePathsEndInAnExtensionAfterASeparator(string value, bool path) => Assert.Equal(path, FreeTextRule.IsFilePath(value));

    [Fact]
    public void RepeatedQuestionsAreFreeTextEvenWithFewDistinctValues()
    {
        string? why = Why(["Is the traffic light red when the car enters?", "Does a pedestrian cross the road in front?", "short"], 300);

        Assert.Equal("free text: 2 of 3 distinct values are sentences (30+ characters with spaces), e.g. 'Is the traffic light red when the car...' (name it in --features to use it anyway)", why);
    }

    [Theory]
    [InlineData("night|day|dusk")]
    [InlineData("action counting, containment|physics|memory, abstraction")]
    [InlineData("boards/board_01|boards/board_02")]
    [InlineData("Is the traffic light red when the car enters?|no|yes")]
    public void CategoriesAreNotFreeText(string values) => Assert.Null(Why(values.Split('|'), 300));

    [Fact]
    public void MostlyDistinctShortTextWithSpacesIsFreeText()
    {
        var answers = Enumerable.Range(0, 30).Select(i => $"No, {i} cars").ToArray();

        Assert.Equal("free text: 30 distinct values over 40 samples, most with spaces (name it in --features to use it anyway)", Why(answers, 40));
        Assert.Null(Why(answers, 100)); // 30 values over 100 samples repeat: categories
        Assert.Null(Why([.. Enumerable.Range(0, 30).Select(i => $"ann_{i}")], 40)); // names without spaces (an id rule's business)
    }

    [Fact]
    public void NoValuesIsNoVerdict() => Assert.Null(Why([], 0));
}
