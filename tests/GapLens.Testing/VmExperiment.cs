using System.Diagnostics;
using System.Globalization;

namespace GapLens.Testing;

/// <summary>
/// A small VMEvalKit experiment on disk for tests: outputs/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/
/// with question/ (first_frame.png, final_frame.png unless left out, prompt.txt) and video/ with a real
/// H.264 mp4 made by ffmpeg whose frame i is a flat grey of level <see cref="Level"/>(i), so a test can
/// tell from a pixel which frame a player shows.
/// </summary>
public static class VmExperiment
{
    public const int Fps = 10;
    public const int Frames = 20;

    private static readonly Lazy<string> SharedVideo = new(MakeVideo);
    private static readonly Lazy<(string First, string Final)> SharedFrames = new(MakeFrames);

    /// <summary>The grey level (Y) of frame <paramref name="frame"/>.</summary>
    public static int Level(int frame) => 20 + 10 * frame;

    /// <summary>Creates the experiment and returns the outputs root. Items without a final frame are
    /// listed by task id in <paramref name="withoutFinal"/>.</summary>
    public static string Create(string root, string experiment, IReadOnlyList<string> models, IReadOnlyList<string> taskTypes, int tasksPerType,
        bool videos = true, IReadOnlyCollection<string>? withoutFinal = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(taskTypes);
        string outputs = Path.Combine(root, "outputs");
        foreach (string model in models)
        {
            foreach (string taskType in taskTypes)
            {
                for (int t = 0; t < tasksPerType; t++)
                {
                    string taskId = string.Create(CultureInfo.InvariantCulture, $"{taskType.Replace("_task", "", StringComparison.Ordinal)}_{t:0000}");
                    string run = Path.Combine(outputs, experiment, model, taskType, taskId, "run_0");
                    string q = Path.Combine(run, "question");
                    Directory.CreateDirectory(q);
                    File.WriteAllText(Path.Combine(q, "prompt.txt"), $"Solve {taskId}: move the piece to the marked square.");
                    if (videos)
                    {
                        File.Copy(SharedFrames.Value.First, Path.Combine(q, "first_frame.png"));
                        if (withoutFinal is null || !withoutFinal.Contains(taskId)) File.Copy(SharedFrames.Value.Final, Path.Combine(q, "final_frame.png"));
                        Directory.CreateDirectory(Path.Combine(run, "video"));
                        File.Copy(SharedVideo.Value, Path.Combine(run, "video", "generated.mp4"));
                    }
                    else
                    {
                        Directory.CreateDirectory(Path.Combine(run, "video"));
                    }
                }
            }
        }
        return outputs;
    }

    private static string CacheDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "gaplens-test-media-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string MakeVideo()
    {
        string mp4 = Path.Combine(CacheDir(), "grey_ramp.mp4");
        // Frame N is flat grey Y = 20 + 10 N (within video range), 10 fps, 20 frames, a keyframe every 5.
        Ffmpeg("-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"color=c=black:s=64x48:r={Fps}:d={Frames / (double)Fps}"),
            "-vf", "geq=lum='20+10*N':cb=128:cr=128", "-frames:v", Frames.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "5", "-movflags", "+faststart", mp4);
        return mp4;
    }

    private static (string, string) MakeFrames()
    {
        string first = Path.Combine(CacheDir(), "first.png"), final = Path.Combine(CacheDir(), "final.png");
        Ffmpeg("-f", "lavfi", "-i", "color=c=0x3050a0:s=64x48", "-frames:v", "1", first);
        Ffmpeg("-f", "lavfi", "-i", "color=c=0xa05030:s=64x48", "-frames:v", "1", final);
        return (first, final);
    }

    private static void Ffmpeg(params string[] args)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-v", "error", "-y", .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + err);
    }
}
