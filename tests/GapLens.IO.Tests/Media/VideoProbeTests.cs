using GapLens.IO.Media;
using GapLens.Testing;

namespace GapLens.IO.Tests.Media;

public sealed class VideoProbeTests : TempDirTest
{
    [Fact]
    public async Task AGeneratedVideosFrameRateFrameCountAndLastFrameTimeAreRead()
    {
        string outputs = VmExperiment.Create(Dir.Path, "e", ["m"], ["t_task"], 1);
        string video = Directory.GetFiles(outputs, "*.mp4", SearchOption.AllDirectories).Single();
        var (timing, error) = await VideoProbe.TimingAsync(video, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(new VideoTiming(VmExperiment.Fps, VmExperiment.Frames, 0, (VmExperiment.Frames - 1) / (double)VmExperiment.Fps, VmExperiment.Frames / (double)VmExperiment.Fps), timing);
    }

    [Fact]
    public async Task AFileThatIsNoVideoGivesFfprobesReason()
    {
        string f = Dir.File("v.mp4", "not a video");
        var (timing, error) = await VideoProbe.TimingAsync(f, CancellationToken.None);
        Assert.Null(timing);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("""{"streams": [{"r_frame_rate": "30000/1001", "avg_frame_rate": "0/0"}], "packets": [{"pts_time": "0.033367"}, {"pts_time": "0.000000"}], "format": {"duration": "0.066733"}}""", 29.97002997, 2, 0.0, 0.033367, 0.066733)]
    [InlineData("""{"streams": [{"r_frame_rate": "0/0", "avg_frame_rate": "25/1"}], "packets": [{"pts_time": "0.04"}, {"pts_time": "0.08"}]}""", 25.0, 2, 0.04, 0.08, 0.12)]
    public void FfprobeOutputIsRead(string json, double fps, int frames, double first, double last, double duration)
    {
        var (t, error) = VideoProbe.Parse(json);
        Assert.Null(error);
        Assert.Equal(fps, t!.Fps, 6);
        Assert.Equal((frames, first, last), (t.Frames, t.FirstFrameTime, t.LastFrameTime));
        Assert.Equal(duration, t.Duration, 9);
    }

    [Theory]
    [InlineData("""{"streams": []}""", "no video stream")]
    [InlineData("""{"streams": [{"r_frame_rate": "25/1"}], "packets": []}""", "no video frames")]
    [InlineData("""{"streams": [{"r_frame_rate": "0/0", "avg_frame_rate": "0/0"}], "packets": [{"pts_time": "0"}]}""", "no frame rate")]
    [InlineData("""{"streams": [""", "unreadable ffprobe output")]
    public void UnusableOutputIsSaidSo(string json, string reason)
    {
        var (t, error) = VideoProbe.Parse(json);
        Assert.Null(t);
        Assert.StartsWith(reason, error, StringComparison.Ordinal);
    }
}
