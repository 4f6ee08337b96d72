using GapLens.Core;
using GapLens.Testing;
using GapLens.Video.Frames;

namespace GapLens.Video.Tests.Frames;

public sealed class VideoFramesTests
{
    [Theory]
    [InlineData("frame_0.jpg", 0L)]
    [InlineData("frame_12.jpg", 12L)]
    [InlineData("frame_0007.JPG", 7L)]
    [InlineData("/x/y/frame_3.png", 3L)]
    [InlineData("frame_.jpg", null)]
    [InlineData("frame_-1.jpg", null)]
    [InlineData("frame_1.5.jpg", null)]
    [InlineData("img_1.jpg", null)]
    [InlineData("frame_1.txt", null)]
    [InlineData("frame_1234567890123456789.jpg", null)]
    public void ParsesOnlyTheFrameNamingRule(string name, long? expected) => Assert.Equal(expected, FrameName.TryParse(name));

    [Fact]
    public void FrameNumbersAreSecondsAtOneFpsAndScaleWithOtherRates()
    {
        Assert.Equal(42.0, FrameName.Seconds(42, 1));
        Assert.Equal(21.0, FrameName.Seconds(42, 2));
        Assert.Equal(168.0, FrameName.Seconds(42, 0.25));
        Assert.Equal("frame_42.jpg", FrameName.Format(42));
    }

    [Fact]
    public void OrdersFramesByNumberNotByNameAndNumbersIdsFromOne()
    {
        using var dir = new TempDir();
        foreach (int n in new[] { 10, 2, 1, 0 }) dir.File(FrameName.Format(n), "x");
        dir.File("notes.txt", "x");
        dir.File(".frame_3.jpg.123.tmp", "x");
        var frames = VideoFrames.Scan(dir.Path);
        Assert.Equal([0L, 1L, 2L, 10L], frames.Frames.Select(f => f.Number));
        Assert.Equal([1, 2, 3, 4], frames.Frames.Select(f => f.Id));
        Assert.Equal<string>(["notes.txt"], frames.Ignored);
        Assert.Equal(10L, frames.ById(4)!.Number);
        Assert.Null(frames.ById(0));
        Assert.Null(frames.ById(5));
        Assert.Equal(2, frames.Find("frame_1.jpg")!.Id);
    }

    [Fact]
    public void TheSameNumberTwiceIsAUserError()
    {
        using var dir = new TempDir();
        dir.File("frame_1.jpg", "x");
        dir.File("frame_01.jpg", "x");
        var ex = Assert.Throws<UserInputException>(() => VideoFrames.Scan(dir.Path));
        Assert.Contains("frame number 1 appears twice (frame_01.jpg, frame_1.jpg)", ex.Message);
    }

    [Fact]
    public void AMissingFolderIsAUserError()
    {
        var ex = Assert.Throws<UserInputException>(() => VideoFrames.Scan("/nonexistent/frames/v"));
        Assert.Contains("/nonexistent/frames/v not found", ex.Message);
    }
}
