using GapLens.Core;
using GapLens.IO.Embeddings;
using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Jobs.VideoQa;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Jobs.Tests.VideoQa;

/// <summary>`videoqa prepare` on real mp4s (ffmpeg) with the tiny SigLIP-shaped ONNX tower of the
/// encoder fixtures: frames by second, embeddings per video, resumable, a broken video reported.</summary>
public sealed class PrepareVideosJobTests : TempDirTest
{
    private static string Model => TestData.PathOf("siglip_tiny", "vision_model.onnx");

    /// <summary>A video of <paramref name="seconds"/> seconds at 4 fps, a different colour each second.</summary>
    private async Task Video(string name, int seconds)
    {
        string frames = Dir.Combine("src_frames", name);
        Directory.CreateDirectory(frames);
        for (int i = 0; i < seconds * 4; i++)
        {
            using var surface = SKSurface.Create(new SKImageInfo(64, 48));
            surface.Canvas.Clear(SKColor.FromHsv(i / 4 * 360f / seconds, 80, 90));
            using var img = surface.Snapshot();
            using var data = img.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(frames, $"f{i:000}.png"), data.ToArray());
        }
        Directory.CreateDirectory(Dir.Combine("videos"));
        await FfmpegFrames.WriteVideoAsync(Path.Combine(frames, "f%03d.png"), Dir.Combine("videos", name + ".mp4"), 4, CancellationToken.None);
    }

    private Task<JobOutcome> Run(string? model = null) => new PrepareVideosJob().RunAsync(
        new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), 1, model ?? Model, BatchSize: 2),
        JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "videoqa prepare"), CancellationToken.None);

    [Fact]
    public async Task SamplesEverySecondEmbedsEachVideoAndResumes()
    {
        await Video("alpha", 3);
        await Video("beta", 5);
        var first = await Run();
        Assert.True(first.Passed, first.GateMessage);
        Assert.Equal(["frame_0.jpg", "frame_1.jpg", "frame_2.jpg"], Directory.GetFiles(Dir.Combine("out", "frames", "alpha")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(5, Directory.GetFiles(Dir.Combine("out", "frames", "beta")).Length);
        using (var e = FrameEmbeddingFiles.OpenForKey(Dir.Combine("out", "embeddings"), "beta"))
        {
            Assert.Equal(5, e.Rows);
            Assert.Equal(["frame_0.jpg", "frame_1.jpg", "frame_2.jpg", "frame_3.jpg", "frame_4.jpg"], e.Filenames.ToArray());
            Assert.Equal("1", e.Metadata["fps"]);
        }
        var stamp = File.GetLastWriteTimeUtc(Dir.Combine("out", "embeddings", "alpha.safetensors"));
        var second = await Run();
        Assert.True(second.Passed);
        Assert.Equal("2 videos: frames extracted for 0, already there for 2, failed for 0; embeddings written for 0, up to date for 2", second.Headline);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Dir.Combine("out", "embeddings", "alpha.safetensors")));
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("out", "_runs")).Length);
    }

    [Theory]
    [InlineData(32, 32, 24)]
    [InlineData(20, 20, 15)]
    [InlineData(100, 64, 48)]
    public async Task MaxSideScalesLargerFramesDownKeepingTheAspectAndLeavesSmallerOnesAlone(int maxSide, int width, int height)
    {
        await Video("clip", 2);
        var outcome = await new PrepareVideosJob().RunAsync(
            new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), MaxSide: maxSide),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "videoqa prepare"), CancellationToken.None);
        Assert.True(outcome.Passed, outcome.GateMessage);
        var frames = Directory.GetFiles(Dir.Combine("out", "frames", "clip"));
        Assert.Equal(2, frames.Length);
        foreach (string f in frames)
        {
            using var codec = SKCodec.Create(f);
            Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
        }
    }

    [Fact]
    public async Task ARerunAskingForOtherFramesIsRefusedNotServedTheOldOnes()
    {
        await Video("clip", 2);
        JobContext Ctx() => JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "videoqa prepare");
        Assert.True((await new PrepareVideosJob().RunAsync(new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), MaxSide: 32), Ctx(), CancellationToken.None)).Passed);
        await Task.Delay(5);
        Assert.True((await new PrepareVideosJob().RunAsync(new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), MaxSide: 32), Ctx(), CancellationToken.None)).Passed);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => new PrepareVideosJob().RunAsync(
            new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), Fps: 2, MaxSide: 20), Ctx(), CancellationToken.None));
        Assert.Equal($"--out {Dir.Combine("out")}: its frames were extracted with fps 1, jpeg quality 2, max side 32; this run asks fps 2, jpeg quality 2, max side 20: " +
            $"prepare into a new --out, or delete {Dir.Combine("out", "frames")} to extract them again", ex.Message);
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("out", "frames", "clip")).Length);
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("out", "_runs")).Length);
    }

    [Fact]
    public void MaxSideIsRangeChecked()
    {
        var ex = Assert.Throws<UserInputException>(() => new PrepareVideosOptions("v", "o", MaxSide: 8).Validate());
        Assert.Equal("--max-side must be an integer in [16, 8192] (pixels), or null (the video's own size), got 8", ex.Message);
    }

    [Fact]
    public async Task ABrokenVideoIsReportedAndTheOthersGoOn()
    {
        await Video("good", 2);
        File.WriteAllText(Dir.Combine("videos", "broken.mp4"), "not a video at all");
        // A killed run's half extraction (a process id that cannot be running) is cleaned up.
        string orphan = Dir.Combine("out", "frames", $".good.999999999.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(orphan);
        var outcome = await Run();
        Assert.False(outcome.Passed);
        Assert.StartsWith("1 of 2 videos failed (the others are ready): broken: cannot read ", outcome.GateMessage, StringComparison.Ordinal);
        Assert.True(File.Exists(Dir.Combine("out", "embeddings", "good.safetensors")));
        Assert.False(Directory.Exists(Dir.Combine("out", "frames", "broken")));
        Assert.False(Directory.Exists(orphan));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Dir.Combine("out", "frames")), p => Path.GetFileName(p).StartsWith('.'));
    }

    [Theory]
    [InlineData(0.0, 32, "float32", "--fps must be a number in (0, 60], got 0")]
    [InlineData(1.0, 0, "float32", "--batch must be an integer in [1, 1024], got 0")]
    [InlineData(1.0, 32, "int8", "--dtype must be one of float32, float16, bfloat16, got 'int8'")]
    public async Task BadOptionsAreOneLineUserErrors(double fps, int batch, string dtype, string message)
    {
        Directory.CreateDirectory(Dir.Combine("videos"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new PrepareVideosJob().RunAsync(
            new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), fps, null, BatchSize: batch, Dtype: dtype),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task AFolderWithoutVideosOrAMissingModelSaysWhatIsExpected()
    {
        Directory.CreateDirectory(Dir.Combine("videos"));
        var ctx = JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path);
        var none = await Assert.ThrowsAsync<UserInputException>(() => new PrepareVideosJob().RunAsync(new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out")), ctx, CancellationToken.None));
        Assert.StartsWith($"--videos: no video files in {Dir.Combine("videos")} (expected .avi, ", none.Message, StringComparison.Ordinal);
        var model = await Assert.ThrowsAsync<UserInputException>(() => new PrepareVideosJob().RunAsync(new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), ImageModel: "nope.onnx"), ctx, CancellationToken.None));
        Assert.StartsWith($"--image-model: file not found: {Dir.Combine("nope.onnx")}", model.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmbeddingsEndpointEmbedsTheFramesSentAsDataUrls()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        await Video("alpha", 3);

        var outcome = await new PrepareVideosJob().RunAsync(
            new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), 1, BatchSize: 2, EmbeddingsUrl: server.BaseUrl, EmbeddingsModel: "fake-embed-1"),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "videoqa prepare"), CancellationToken.None);

        Assert.True(outcome.Passed, outcome.GateMessage);
        using var e = FrameEmbeddingFiles.OpenForKey(Dir.Combine("out", "embeddings"), "alpha");
        Assert.Equal((3, 3), (e.Rows, e.Dimension));
        var inputs = server.Requests.Where(r => r.Path == "/v1/embeddings").SelectMany(r => r.Body.RootElement.GetProperty("input").EnumerateArray()).Select(i => i.GetString()!).ToList();
        Assert.Equal(3, inputs.Count);
        Assert.All(inputs, i => Assert.StartsWith("data:image/jpeg;base64,/9j/", i, StringComparison.Ordinal));
        Assert.All(server.Requests.Where(r => r.Path == "/v1/embeddings"), r => Assert.Equal("fake-embed-1", r.Body.RootElement.GetProperty("model").GetString()));
    }

    [Fact]
    public async Task AnImageModelAndAnEmbeddingsEndpointTogetherAreAUserError()
    {
        Directory.CreateDirectory(Dir.Combine("videos"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new PrepareVideosJob().RunAsync(
            new PrepareVideosOptions(Dir.Combine("videos"), Dir.Combine("out"), ImageModel: Model, EmbeddingsUrl: "http://127.0.0.1:9/v1"),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None));
        Assert.Equal("give either --image-model (a local ONNX vision tower) or --embeddings-url, not both", ex.Message);
    }
}
