using GapLens.IO.Files;
using GapLens.Jobs.Demo;
using GapLens.Jobs.Tests.Browser;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Demo;

/// <summary>The demo's own front page: it speaks for every job it ran, not for the first one.</summary>
public sealed class DemoJobTests : TempDirTest
{
    [Fact]
    public async Task TheDemoFrontPageHeadlineSpeaksForEveryJobNotJustTheFirst()
    {
        string samples = Path.Combine(ReportBrowser.RepoRoot(), "samples");
        var outcome = await new DemoJob().RunAsync(new DemoOptions(samples, Dir.Combine("demo"), VideoScoring: false),
            JobContext.Create(new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error), Dir.Path, "demo"), CancellationToken.None);
        Assert.True(outcome.Passed);
        // It was vlm_bcq's headline ("23 FP and 21 FN among 420 predictions ...") above the list of runs.
        Assert.DoesNotContain("FP and", outcome.Headline, StringComparison.Ordinal);
        Assert.Equal("10 demo jobs ran and passed their quality gates; the list of runs below gives each finding and links its report.", outcome.Headline);
        string index = File.ReadAllText(Dir.Combine("demo", OutputSet.IndexName));
        Assert.Contains(outcome.Headline!, index, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDemoSlicesTheOutputOfEveryJobItRuns()
    {
        string samples = Path.Combine(ReportBrowser.RepoRoot(), "samples");
        var outcome = await new DemoJob().RunAsync(new DemoOptions(samples, Dir.Combine("demo"), VideoScoring: false),
            JobContext.Create(new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error), Dir.Path, "demo"), CancellationToken.None);

        Assert.True(outcome.Passed);
        foreach (string job in new[] { "vlm_bcq", "vcn_aoi", "perception/score", "perception/attention", "perception/confidence" })
        {
            string slices = Dir.Combine("demo", job, "slices");
            Assert.True(File.Exists(Path.Combine(slices, "slices.json")), job);
            Assert.Empty(OutputSet.Check(slices));
            Assert.Contains(outcome.Summary, l => l.StartsWith($"slices of {job.Replace('/', ' ')}: ", StringComparison.Ordinal));
        }
        // vlm_bcq's slices see every prediction (420, 23 of them skipped), not only its 44 gaps.
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("demo", "vlm_bcq", "slices", "slices.json")));
        Assert.Equal(397, doc.RootElement.GetProperty("samples").GetInt64());
    }
}
