using System.Diagnostics;
using System.Globalization;
using System.Text;
using GapLens.Core;

namespace GapLens.IO.Media;

/// <summary>
/// Frames from videos with the ffmpeg binary (Debian package "ffmpeg"), as PNG. Every call runs under
/// the limits of <see cref="ResourceLimits"/>: it is stopped (with its whole process tree) when it runs
/// longer than <see cref="ResourceLimits.FfmpegTimeout"/>, when the frames it writes pass
/// <see cref="ResourceLimits.FfmpegMaxOutputBytes"/>, or when the run is cancelled; it never reads the
/// terminal (-nostdin), and only the end of what it prints is kept.
/// </summary>
public static class FfmpegFrames
{
    private const int StderrTail = 16 << 10;

    /// <summary>
    /// The last frame of a video: decode the final seconds and keep the last picture written; if that
    /// yields nothing (a very short or oddly muxed file), decode the whole video the same way. Returns
    /// false with ffmpeg's last error line (or why it was stopped) when no frame can be read.
    /// </summary>
    public static async Task<(bool Ok, string? Error)> LastFrameAsync(string video, string png, CancellationToken ct)
    {
        if (File.Exists(png)) File.Delete(png);
        var first = await RunAsync(ct, png, "-v", "error", "-sseof", "-3", "-i", video, "-update", "1", "-frames:v", "1000000", png).ConfigureAwait(false);
        if (first.Stopped is null && File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        if (first.Stopped is not null) return Fail(png, first.Stopped); // a full decode would take longer still
        var second = await RunAsync(ct, png, "-v", "error", "-i", video, "-update", "1", png).ConfigureAwait(false);
        if (second.Stopped is null && File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        string reason = (second.Stopped ?? second.Error ?? first.Error ?? "no frame decoded").Trim();
        int nl = reason.LastIndexOf('\n');
        return Fail(png, nl >= 0 ? reason[(nl + 1)..] : reason);
    }

    private static (bool, string?) Fail(string png, string reason)
    {
        if (File.Exists(png)) File.Delete(png);
        return (false, reason);
    }

    /// <summary>
    /// <paramref name="count"/> frames evenly spaced over the video, or over its last
    /// <paramref name="lastSeconds"/> seconds when given (the last frame is always included), as PNGs
    /// in <paramref name="dir"/> in time order. Decodes the span once and picks; generated videos are
    /// short. No frame, with the reason, when none can be read or ffmpeg had to be stopped.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Frames, string? Error)> FramesAsync(string video, int count, double? lastSeconds, string dir, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Directory.CreateDirectory(dir);
        string pattern = Path.Combine(dir, "all_%06d.png");
        var args = new List<string> { "-v", "error" };
        if (lastSeconds is { } s) args.AddRange(["-sseof", (-s).ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-i", video, "-vsync", "0", pattern]);
        var run = await RunAsync(ct, dir, [.. args]).ConfigureAwait(false);
        var all = Directory.GetFiles(dir, "all_*.png").Order(StringComparer.Ordinal).ToList();
        if (run.Stopped is not null || all.Count == 0)
        {
            foreach (string f in all) File.Delete(f);
            return ([], run.Stopped ?? LastLine(run.Error) ?? "no frame decoded");
        }
        var picks = Enumerable.Range(0, Math.Min(count, all.Count))
            .Select(i => count == 1 ? all.Count - 1 : (int)Math.Round(i * (all.Count - 1.0) / (Math.Min(count, all.Count) - 1)))
            .Distinct().ToList();
        var result = new List<string>();
        foreach (int i in picks)
        {
            string dest = Path.Combine(dir, $"frame_{result.Count:00}.png");
            File.Move(all[i], dest, overwrite: true);
            result.Add(dest);
        }
        foreach (string f in Directory.GetFiles(dir, "all_*.png")) File.Delete(f);
        return (result, null);
    }

    private static string? LastLine(string? text)
    {
        string? t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        int nl = t.LastIndexOf('\n');
        return nl >= 0 ? t[(nl + 1)..] : t;
    }

    /// <summary>Whether an ffmpeg binary can be started.</summary>
    public static bool IsAvailable()
    {
        try
        {
            return RunAsync(CancellationToken.None, null, "-version").GetAwaiter().GetResult().Code == 0;
        }
        catch (UserInputException)
        {
            return false; // RunAsync's "ffmpeg is not installed"
        }
    }

    /// <summary>Writes a video from PNG frames (for samples and tests): libx264, yuv420p, the given fps.</summary>
    public static async Task WriteVideoAsync(string framePattern, string mp4, int fps, CancellationToken ct)
    {
        var run = await RunAsync(ct, null, "-v", "error", "-y", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", framePattern,
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", mp4).ConfigureAwait(false);
        if (run.Code != 0) throw new InvalidOperationException($"ffmpeg could not write {mp4}: {run.Stopped ?? run.Error}");
    }

    /// <summary>
    /// Samples a video at <paramref name="fps"/> frames per second into <paramref name="dir"/> as
    /// <c>frame_&lt;N&gt;.jpg</c>, N counted from 0: frame N shows the video at t = N / fps (ffmpeg's fps
    /// filter, nearest frame). JPEG quality 2-31 (lower is better). Returns the number of frames written
    /// and ffmpeg's last error line when it failed (none written).
    /// </summary>
    public static async Task<(int Frames, string? Error)> ExtractAtFpsAsync(string video, double fps, string dir, int jpegQuality, int? maxSide, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        if (maxSide is <= 0) throw new ArgumentOutOfRangeException(nameof(maxSide));
        Directory.CreateDirectory(dir);
        string filter = "fps=" + fps.ToString("R", CultureInfo.InvariantCulture);
        if (maxSide is { } side)
        {
            // Only ever down: the box is the frame itself when it already fits; the aspect ratio is kept.
            string s = side.ToString(CultureInfo.InvariantCulture);
            filter += $",scale=w=min(iw\\,{s}):h=min(ih\\,{s}):force_original_aspect_ratio=decrease";
        }
        var run = await RunAsync(ct, dir, "-v", "error", "-i", video, "-vf", filter,
            "-start_number", "0", "-q:v", jpegQuality.ToString(CultureInfo.InvariantCulture), Path.Combine(dir, "frame_%d.jpg")).ConfigureAwait(false);
        int frames = Directory.EnumerateFiles(dir, "frame_*.jpg").Count();
        if (run.Stopped is null && run.Code == 0 && frames > 0) return (frames, null);
        return (0, run.Stopped ?? LastLine(run.Error) ?? (frames == 0 ? "no frame decoded" : $"ffmpeg exited with {run.Code}"));
    }

    /// <summary>
    /// The frame with 0-based index <paramref name="frame"/> (decode order, as datasets number frames)
    /// as a PNG; false with ffmpeg's last error line when the video has no such frame.
    /// </summary>
    public static async Task<(bool Ok, string? Error)> FrameAtAsync(string video, int frame, string png, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        if (File.Exists(png)) File.Delete(png);
        var run = await RunAsync(ct, png, "-v", "error", "-i", video, "-vf", "select=eq(n\\," + frame.ToString(CultureInfo.InvariantCulture) + ")",
            "-vsync", "0", "-frames:v", "1", png).ConfigureAwait(false);
        if (run.Stopped is null && File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        return Fail(png, run.Stopped ?? LastLine(run.Error) ?? $"no frame {frame} (the video is shorter)");
    }

    /// <summary>One ffmpeg run: its exit code, the end of its error output, and why it was stopped
    /// (null when it ended by itself).</summary>
    internal sealed record Run(int Code, string? Error, string? Stopped);

    /// <param name="ct">Cancellation: ffmpeg is killed, then the cancellation is thrown.</param>
    /// <param name="output">The file or folder ffmpeg writes to, watched against the output limit (null: not watched).</param>
    /// <param name="args">ffmpeg's arguments (-nostdin is added first).</param>
    internal static Task<Run> RunAsync(CancellationToken ct, string? output, params string[] args) => RunAsync(ResourceLimits.Current, ct, output, args);

    internal static async Task<Run> RunAsync(ResourceLimits limits, CancellationToken ct, string? output, params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-nostdin");
        foreach (string a in args) psi.ArgumentList.Add(a);
        ct.ThrowIfCancellationRequested();
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UserInputException("ffmpeg is not installed (Debian: apt-get install ffmpeg); it is needed to read video frames");
        }
        using (p)
        {
            p.StandardInput.Close();
            var stderr = TailAsync(p.StandardError);
            var stdout = p.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            var exited = p.WaitForExitAsync(CancellationToken.None);
            var clock = Stopwatch.StartNew();
            string? stopped = null;
            try
            {
                while (!exited.IsCompleted)
                {
                    await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(100), ct)).ConfigureAwait(false);
                    ct.ThrowIfCancellationRequested();
                    if (exited.IsCompleted) break;
                    if (clock.Elapsed > limits.FfmpegTimeout)
                    {
                        stopped = string.Create(CultureInfo.InvariantCulture,
                            $"ffmpeg was stopped after {limits.FfmpegTimeout.TotalSeconds:0.###} s, the limit for one call (raise it with the environment variable {ResourceLimits.FfmpegTimeoutVariable})");
                    }
                    else if (output is not null && BytesWritten(output) > limits.FfmpegMaxOutputBytes)
                    {
                        stopped = $"ffmpeg was stopped after writing more than {ResourceLimits.Describe(limits.FfmpegMaxOutputBytes)} of frames, the limit for one call " +
                            $"(raise it with the environment variable {ResourceLimits.FfmpegMaxOutputBytesVariable})";
                    }
                    if (stopped is not null)
                    {
                        Kill(p);
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                Kill(p);
                await exited.ConfigureAwait(false);
                throw;
            }
            await exited.ConfigureAwait(false);
            await stdout.ConfigureAwait(false);
            string err = await stderr.ConfigureAwait(false);
            return new Run(p.ExitCode, err.Length == 0 ? null : err, stopped);
        }
    }

    private static void Kill(Process p)
    {
        try
        {
            p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    /// <summary>What ffmpeg printed, at most its last <see cref="StderrTail"/> characters (a broken
    /// video can make it print an error per frame, without end).</summary>
    private static async Task<string> TailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buf = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buf).ConfigureAwait(false)) > 0)
        {
            tail.Append(buf, 0, n);
            if (tail.Length > 2 * StderrTail) tail.Remove(0, tail.Length - StderrTail);
        }
        return tail.Length > StderrTail ? tail.ToString(tail.Length - StderrTail, StderrTail) : tail.ToString();
    }

    /// <summary>The bytes of a file, or of every file in a folder (0 when there is none yet).</summary>
    private static long BytesWritten(string output)
    {
        try
        {
            if (File.Exists(output)) return new FileInfo(output).Length;
            if (!Directory.Exists(output)) return 0;
            long total = 0;
            foreach (var f in new DirectoryInfo(output).EnumerateFiles()) total += f.Length;
            return total;
        }
        catch (IOException)
        {
            return 0; // a frame renamed or removed meanwhile; the next look counts again
        }
    }
}
