using System.Diagnostics;
using System.Globalization;

namespace GapLens.IO.Media;

/// <summary>Frames from videos with the ffmpeg binary (Debian package "ffmpeg"), as PNG.</summary>
public static class FfmpegFrames
{
    /// <summary>
    /// The last frame of a video: decode the final seconds and keep the last picture written; if that
    /// yields nothing (a very short or oddly muxed file), decode the whole video the same way. Returns
    /// false with ffmpeg's last error line when no frame can be read.
    /// </summary>
    public static async Task<(bool Ok, string? Error)> LastFrameAsync(string video, string png, CancellationToken ct)
    {
        if (File.Exists(png)) File.Delete(png);
        var (_, err1) = await RunAsync(ct, "-v", "error", "-sseof", "-3", "-i", video, "-update", "1", "-frames:v", "1000000", png).ConfigureAwait(false);
        if (File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        var (_, err2) = await RunAsync(ct, "-v", "error", "-i", video, "-update", "1", png).ConfigureAwait(false);
        if (File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        string reason = (err2 ?? err1 ?? "no frame decoded").Trim();
        int nl = reason.LastIndexOf('\n');
        return (false, nl >= 0 ? reason[(nl + 1)..] : reason);
    }

    /// <summary>
    /// <paramref name="count"/> frames evenly spaced over the video, or over its last
    /// <paramref name="lastSeconds"/> seconds when given (the last frame is always included), as PNGs
    /// in <paramref name="dir"/> in time order. Decodes the span once and picks; generated videos are
    /// short. Empty when no frame can be read.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FramesAsync(string video, int count, double? lastSeconds, string dir, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Directory.CreateDirectory(dir);
        string pattern = Path.Combine(dir, "all_%06d.png");
        var args = new List<string> { "-v", "error" };
        if (lastSeconds is { } s) args.AddRange(["-sseof", (-s).ToString(CultureInfo.InvariantCulture)]);
        args.AddRange(["-i", video, "-vsync", "0", pattern]);
        await RunAsync(ct, [.. args]).ConfigureAwait(false);
        var all = Directory.GetFiles(dir, "all_*.png").Order(StringComparer.Ordinal).ToList();
        if (all.Count == 0) return [];
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
        return result;
    }

    /// <summary>Whether an ffmpeg binary can be started.</summary>
    public static bool IsAvailable()
    {
        try
        {
            return RunAsync(CancellationToken.None, "-version").GetAwaiter().GetResult().Code == 0;
        }
        catch (GapLens.Core.UserInputException)
        {
            return false; // RunAsync's "ffmpeg is not installed"
        }
    }

    /// <summary>Writes a video from PNG frames (for samples and tests): libx264, yuv420p, the given fps.</summary>
    public static async Task WriteVideoAsync(string framePattern, string mp4, int fps, CancellationToken ct)
    {
        var (code, err) = await RunAsync(ct, "-v", "error", "-y", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", framePattern,
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", mp4).ConfigureAwait(false);
        if (code != 0) throw new InvalidOperationException($"ffmpeg could not write {mp4}: {err}");
    }

    /// <summary>
    /// Samples a video at <paramref name="fps"/> frames per second into <paramref name="dir"/> as
    /// <c>frame_&lt;N&gt;.jpg</c>, N counted from 0: frame N shows the video at t = N / fps (ffmpeg's fps
    /// filter, nearest frame). JPEG quality 2-31 (lower is better). Returns the number of frames written
    /// and ffmpeg's last error line when it failed (none written).
    /// </summary>
    public static async Task<(int Frames, string? Error)> ExtractAtFpsAsync(string video, double fps, string dir, int jpegQuality, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        Directory.CreateDirectory(dir);
        var (code, err) = await RunAsync(ct, "-v", "error", "-nostdin", "-i", video, "-vf", "fps=" + fps.ToString("R", CultureInfo.InvariantCulture),
            "-start_number", "0", "-q:v", jpegQuality.ToString(CultureInfo.InvariantCulture), Path.Combine(dir, "frame_%d.jpg")).ConfigureAwait(false);
        int frames = Directory.EnumerateFiles(dir, "frame_*.jpg").Count();
        if (code == 0 && frames > 0) return (frames, null);
        string reason = (err ?? (frames == 0 ? "no frame decoded" : $"ffmpeg exited with {code}")).Trim();
        int nl = reason.LastIndexOf('\n');
        return (0, nl >= 0 ? reason[(nl + 1)..] : reason);
    }

    /// <summary>
    /// The frame with 0-based index <paramref name="frame"/> (decode order, as datasets number frames)
    /// as a PNG; false with ffmpeg's last error line when the video has no such frame.
    /// </summary>
    public static async Task<(bool Ok, string? Error)> FrameAtAsync(string video, int frame, string png, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        if (File.Exists(png)) File.Delete(png);
        var (_, err) = await RunAsync(ct, "-v", "error", "-nostdin", "-i", video, "-vf", "select=eq(n\\," + frame.ToString(CultureInfo.InvariantCulture) + ")",
            "-vsync", "0", "-frames:v", "1", png).ConfigureAwait(false);
        if (File.Exists(png) && new FileInfo(png).Length > 0) return (true, null);
        string reason = (err ?? $"no frame {frame} (the video is shorter)").Trim();
        int nl = reason.LastIndexOf('\n');
        return (false, nl >= 0 ? reason[(nl + 1)..] : reason);
    }

    private static async Task<(int Code, string? Error)> RunAsync(CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new GapLens.Core.UserInputException("ffmpeg is not installed (Debian: apt-get install ffmpeg); it is needed to read video frames");
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync(ct);
            await p.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
            string err = await stderr.ConfigureAwait(false);
            return (p.ExitCode, err.Length == 0 ? null : err);
        }
    }
}
