using System.Diagnostics;
using GapLens.Core;
using GapLens.IO.Media;
using GapLens.Testing;

namespace GapLens.IO.Tests.Media;

/// <summary>ffmpeg never runs without bounds: a time limit, a limit on the frames it writes, and a
/// cancellation that kills it (ffmpeg is installed by test.sh).</summary>
public sealed class FfmpegLimitsTests : TempDirTest
{
    private static readonly string[] Endless = ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25"];

    [Fact]
    public async Task AnInputThatNeverComesIsStoppedAtTheTimeLimit()
    {
        // A FIFO nobody writes to: ffmpeg would wait in open() forever.
        string fifo = Fifo.Make(Dir.Combine("video.mp4"));
        var limits = ResourceLimits.Defaults with { FfmpegTimeout = TimeSpan.FromSeconds(1) };
        var run = await FfmpegFrames.RunAsync(limits, CancellationToken.None, Dir.Combine("out.png"), "-v", "error", "-i", fifo, "-update", "1", Dir.Combine("out.png"))
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("ffmpeg was stopped after 1 s, the limit for one call (raise it with the environment variable GAPLENS_FFMPEG_TIMEOUT_SECONDS)", run.Stopped);
        Assert.NotEqual(0, run.Code);
    }

    [Fact]
    public async Task FramesPastTheOutputLimitStopIt()
    {
        var limits = ResourceLimits.Defaults with { FfmpegMaxOutputBytes = 2 << 20 };
        string dir = Directory.CreateDirectory(Dir.Combine("frames")).FullName;
        var run = await FfmpegFrames.RunAsync(limits, CancellationToken.None, dir, [.. Endless, Path.Combine(dir, "all_%06d.png")]).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("ffmpeg was stopped after writing more than 2 MiB of frames, the limit for one call (raise it with the environment variable GAPLENS_FFMPEG_MAX_OUTPUT_BYTES)", run.Stopped);
        long written = Directory.EnumerateFiles(dir).Sum(f => new FileInfo(f).Length);
        Assert.InRange(written, 2 << 20, 64 << 20);
    }

    [Fact]
    public async Task CancellationKillsItAndNothingIsWrittenAfterwards()
    {
        string dir = Directory.CreateDirectory(Dir.Combine("frames")).FullName;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FfmpegFrames.RunAsync(ResourceLimits.Defaults, cts.Token, dir, [.. Endless, Path.Combine(dir, "all_%06d.png")]).WaitAsync(TimeSpan.FromSeconds(60)));
        int count = Directory.GetFiles(dir).Length;
        await Task.Delay(1000);
        Assert.Equal(count, Directory.GetFiles(dir).Length);
        Assert.DoesNotContain(Process.GetProcessesByName("ffmpeg"), p => !p.HasExited && IsOurs(p, dir));
    }

    /// <summary>The ffmpeg this test started: a child of this process writing into <paramref name="dir"/>
    /// (the machine may run others, and other tests of this process run their own at the same time).</summary>
    private static bool IsOurs(Process p, string dir)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{p.Id}/stat");
            int ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return ppid == Environment.ProcessId && File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(dir, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
