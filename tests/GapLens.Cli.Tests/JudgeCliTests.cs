using System.Diagnostics;
using GapLens.IO.Media;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Cli.Tests;

public sealed class JudgeCliTests : TempDirTest
{
    /// <summary>n VMEvalKit items under dir/outputs, each with a tiny real mp4 (ffmpeg) and PNG frames.</summary>
    internal static async Task ItemsAsync(TempDir dir, int n)
    {
        string Png(string path, SKColor c)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var s = SKSurface.Create(new SKImageInfo(16, 16));
            s.Canvas.Clear(c);
            using var i = s.Snapshot();
            using var d = i.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, d.ToArray());
            return path;
        }
        string frame = Png(dir.Combine("frames", "f0.png"), SKColors.Blue);
        File.Copy(frame, dir.Combine("frames", "f1.png"));
        await FfmpegFrames.WriteVideoAsync(dir.Combine("frames", "f%d.png"), dir.Combine("v.mp4"), 2, CancellationToken.None);
        for (int k = 0; k < n; k++)
        {
            string run = dir.Combine("outputs", "exp", "m", "maze_task", $"maze_{k:0000}", "r1");
            Png(Path.Combine(run, "question", "first_frame.png"), SKColors.Red);
            Png(Path.Combine(run, "question", "final_frame.png"), SKColors.Green);
            File.WriteAllText(Path.Combine(run, "question", "prompt.txt"), $"item-{k:0000}");
            Directory.CreateDirectory(Path.Combine(run, "video"));
            File.Copy(dir.Combine("v.mp4"), Path.Combine(run, "video", "v.mp4"));
        }
    }

    private Task MakeItems(int n) => ItemsAsync(Dir, n);

    private int Completed() => Directory.Exists(Dir.Combine("evals", "vision-eval", "exp"))
        ? Directory.EnumerateFiles(Dir.Combine("evals", "vision-eval", "exp"), "vision-eval.json", SearchOption.AllDirectories).Count()
        : 0;

    [Fact]
    public async Task AKilledRunResumesWithNothingLostAndNothingJudgedTwice()
    {
        const int items = 12;
        await MakeItems(items);
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(200, """{"solution_correctness_score": 4, "explanation": "fine"}""", Delay: TimeSpan.FromMilliseconds(400));
        string[] args = ["judge", "--outputs", "outputs", "--evaluations", "evals", "--judge", "openai", "--base-url", server.BaseUrl, "--concurrency", "1", "--no-cache", "--quiet", "--evaluator", "vision-eval"];

        var psi = GapLensProgram.StartInfo(args);
        psi.WorkingDirectory = Dir.Path;
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        using (var p = Process.Start(psi)!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(240); // generous: a loaded CI machine starts processes slowly
            while (Completed() < 3 && DateTime.UtcNow < deadline && !p.HasExited) await Task.Delay(20);
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
        int before = Completed();
        Assert.InRange(before, 3, items - 1);
        var judgedFirst = server.Requests.Select(r => Prompt(r.Body)).ToList();

        var second = CliRunner.Run(Dir.Path, args);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(items, Completed());
        var perItem = server.Requests.Select(r => Prompt(r.Body)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(items, perItem.Count);
        // Only the item in flight when the process died may have been requested twice.
        Assert.True(perItem.Values.Count(c => c > 1) <= 1, "an item completed before the kill was judged again");
        Assert.True(perItem.Values.All(c => c <= 2));
        Assert.DoesNotContain(Directory.EnumerateFiles(Dir.Combine("evals"), "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.True(judgedFirst.Count >= before);
    }

    private static string Prompt(System.Text.Json.JsonDocument body)
    {
        string text = body.RootElement.GetProperty("messages")[1].GetProperty("content")[0].GetProperty("text").GetString()!;
        int i = text.IndexOf("item-", StringComparison.Ordinal);
        return text.Substring(i, 9);
    }

    [Fact]
    public void OpenAiJudgeWithoutABaseUrlIsAUserError()
    {
        Directory.CreateDirectory(Dir.Combine("outputs"));
        var r = CliRunner.Run(Dir.Path, "judge", "--outputs", "outputs", "--evaluations", "evals", "--judge", "openai");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("--judge openai needs --base-url", r.StderrLines[^1], StringComparison.Ordinal);
    }
}
