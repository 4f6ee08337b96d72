using System.Diagnostics;
using System.Globalization;

namespace GapLens.Judging.Frames;

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

    /// <summary>Writes a video from PNG frames (for samples and tests): libx264, yuv420p, the given fps.</summary>
    public static async Task WriteVideoAsync(string framePattern, string mp4, int fps, CancellationToken ct)
    {
        var (code, err) = await RunAsync(ct, "-v", "error", "-y", "-framerate", fps.ToString(CultureInfo.InvariantCulture), "-i", framePattern,
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", mp4).ConfigureAwait(false);
        if (code != 0) throw new InvalidOperationException($"ffmpeg could not write {mp4}: {err}");
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
