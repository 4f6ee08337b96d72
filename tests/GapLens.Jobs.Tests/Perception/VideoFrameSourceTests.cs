using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Jobs.Perception;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>The overlay frames of `--videos`: extracted frames first, else the frame at that index of
/// the video read with ffmpeg (test.sh installs it), else nothing.</summary>
public sealed class VideoFrameSourceTests : TempDirTest
{
    private static readonly SKColor[] Colors = [SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.Yellow, SKColors.White];

    private async Task WriteVideoAsync(string mp4)
    {
        Directory.CreateDirectory(Dir.Combine("frames"));
        for (int i = 0; i < Colors.Length; i++)
        {
            using var surface = SKSurface.Create(new SKImageInfo(64, 48));
            surface.Canvas.Clear(Colors[i]);
            using var data = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Dir.Combine("frames", $"f{i:000}.png"), data.ToArray());
        }
        await FfmpegFrames.WriteVideoAsync(Dir.Combine("frames", "f%03d.png"), mp4, 5, CancellationToken.None);
    }

    private static SKColor Centre(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 2);
    }

    [Fact]
    public async Task ReadsTheFrameAtItsIndexFromTheVideo()
    {
        Directory.CreateDirectory(Dir.Combine("videos"));
        await WriteVideoAsync(Dir.Combine("videos", "video_1.mp4"));
        using var source = new VideoFrameSource(Dir.Combine("videos"), new RunLog(TextWriter.Null, LogLevel.Error));
        foreach (int i in new[] { 0, 2, 4 })
        {
            var c = Centre((await source.GetFrameAsync("video_1", i, CancellationToken.None))!);
            Assert.True(Math.Abs(c.Red - Colors[i].Red) < 40 && Math.Abs(c.Green - Colors[i].Green) < 40 && Math.Abs(c.Blue - Colors[i].Blue) < 40, $"frame {i}: {c}");
        }
        Assert.Null(await source.GetFrameAsync("video_1", 99, CancellationToken.None));
        Assert.Null(await source.GetFrameAsync("video_2", 0, CancellationToken.None));
        Assert.Equal(2, source.Missing);
    }

    [Fact]
    public async Task AnExtractedFrameIsUsedBeforeTheVideo()
    {
        Directory.CreateDirectory(Dir.Combine("videos", "video_1"));
        File.WriteAllBytes(Dir.Combine("videos", "video_1", "7.png"), [0x89, 0x50]);
        using var source = new VideoFrameSource(Dir.Combine("videos"), new RunLog(TextWriter.Null, LogLevel.Error));
        Assert.Equal([0x89, 0x50], await source.GetFrameAsync("video_1", 7, CancellationToken.None));
    }
}
