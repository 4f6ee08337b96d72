using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GapLens.IO.Media;

/// <summary>Frame timing of a video with ffprobe (Debian package "ffmpeg"): reads the packets' times, decodes nothing.</summary>
public static class VideoProbe
{
    /// <summary>The timing of the first video stream, or null with ffprobe's reason when it cannot be read.</summary>
    public static async Task<(VideoTiming? Timing, string? Error)> TimingAsync(string video, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate,avg_frame_rate:format=duration",
                     "-show_entries", "packet=pts_time", "-of", "json", video])
        {
            psi.ArgumentList.Add(a);
        }
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "ffprobe is not installed (Debian: apt-get install ffmpeg)");
        }
        string output, error;
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync(ct);
            output = await p.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
            await p.WaitForExitAsync(ct).ConfigureAwait(false);
            error = (await stderr.ConfigureAwait(false)).Trim();
            if (p.ExitCode != 0) return (null, error.Length > 0 ? error.Split('\n')[^1] : $"ffprobe exited with {p.ExitCode}");
        }
        return Parse(output);
    }

    /// <summary>Reads ffprobe's JSON (streams, packets, format).</summary>
    public static (VideoTiming? Timing, string? Error) Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!root.TryGetProperty("streams", out var streams) || streams.GetArrayLength() == 0) return (null, "no video stream");
            var stream = streams[0];
            double fps = Rate(stream, "r_frame_rate") ?? Rate(stream, "avg_frame_rate") ?? 0;
            var times = new List<double>();
            if (root.TryGetProperty("packets", out var packets))
            {
                foreach (var pk in packets.EnumerateArray())
                {
                    if (pk.TryGetProperty("pts_time", out var t) && double.TryParse(t.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) times.Add(v);
                }
            }
            if (times.Count == 0) return (null, "no video frames");
            if (!(fps > 0) || !double.IsFinite(fps)) return (null, "no frame rate");
            double duration = root.TryGetProperty("format", out var f) && f.TryGetProperty("duration", out var d)
                && double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double dv) ? dv : times.Max() + 1 / fps;
            return (new VideoTiming(fps, times.Count, times.Min(), times.Max(), duration), null);
        }
        catch (JsonException ex)
        {
            return (null, $"unreadable ffprobe output ({ex.Message})");
        }
    }

    /// <summary>"30000/1001" or "25/1" as a number; null for "0/0" or garbage.</summary>
    private static double? Rate(JsonElement stream, string key)
    {
        if (!stream.TryGetProperty(key, out var v) || v.GetString() is not { } text) return null;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && x > 0 ? x : null;
        return double.TryParse(text.AsSpan(0, slash), NumberStyles.Float, CultureInfo.InvariantCulture, out double num)
            && double.TryParse(text.AsSpan(slash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double den) && num > 0 && den > 0 ? num / den : null;
    }
}
