using System.Text.RegularExpressions;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Jobs.Demo;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Tests.Browser;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;
using GapLens.Testing;

namespace GapLens.Jobs.Tests;

public sealed partial class RunIndexTests : TempDirTest
{
    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    private async Task<string> CommitRun(string dir)
    {
        string input = Dir.File("predictions.json", "[]");
        var record = new RunRecord("gap_analysis demo-verb", ["gap_analysis", "demo-verb", "results_dir=out"]) { Seed = 42 };
        record.SetOptions([new("results_dir", "out")]);
        record.SetJudge([new("model", "pixel-v1"), new("prompt", "p#1")]);
        record.AddInput(input, "predictions_json");
        using var outputs = OutputSet.Open(dir, "results_dir", ["report.html", "kpi_gaps.jsonl", "model_ranking.csv", "rca_images/"], record.InputPaths);
        outputs.StageText("report.html", "<!DOCTYPE html><title>r</title>");
        outputs.StageText("kpi_gaps.jsonl", "{}\n");
        outputs.StageText("model_ranking.csv", "a\n");
        outputs.StageBytes("rca_images/a b#1.png", [1, 2, 3]);
        outputs.StageBytes("rca_images/c.png", [4]);
        await record.CommitAsync(outputs, JobOutcome.Ok([], "3 FP and 2 FN"), CancellationToken.None);
        return Path.Combine(dir, OutputSet.IndexName);
    }

    [Fact]
    public void EveryFileAJobMayWriteHasALineOfItsOwn()
    {
        string[] owned = [.. VlmBcqJob.Outputs, .. VcnAoiJob.Outputs, .. AnalyzePlotJob.Outputs, .. AnalyzeStatsJob.Outputs, .. GapLens.Jobs.VideoQa.VideoQaMetricsJob.Outputs,
            .. GapLens.Jobs.Perception.PerceptionScoreJob.Outputs, .. GapLens.Jobs.Perception.PerceptionAttentionJob.Outputs, .. GapLens.Jobs.Perception.PerceptionConfidenceJob.Outputs,
            .. GapLens.Jobs.Slices.SlicesJob.Outputs, DemoJob.SummaryName, OutputSet.ManifestName, OutputSet.IndexName];
        Assert.All(owned, name => Assert.True(ArtifactCatalog.Knows(name), $"{name} has no line in ArtifactCatalog"));
        Assert.Equal(ArtifactCatalog.Describe("rca_images/"), ArtifactCatalog.Describe("rca_images/x.png"));
        Assert.Equal("A table of this run (CSV, full precision).", ArtifactCatalog.Describe("unknown.csv"));
    }

    [Fact]
    public async Task CommitWritesAFrontPageLinkingEveryOutputWithTheRunFacts()
    {
        string index = await CommitRun(Dir.Combine("out"));
        string html = File.ReadAllText(index);
        var manifest = GapLensJson.ReadManifest(File.ReadAllBytes(Dir.Combine("out", OutputSet.ManifestName)))!;
        // The front page is part of the set: listed (with its hash) in the manifest written after it.
        Assert.Contains(manifest.Outputs, f => f.Path == OutputSet.IndexName);
        Assert.Empty(OutputSet.Check(Dir.Combine("out")));
        var links = Href().Matches(html).Select(m => Uri.UnescapeDataString(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))).ToList();
        Assert.Equal(["report.html", "kpi_gaps.jsonl", "model_ranking.csv", "rca_images/", OutputSet.ManifestName], links);
        Assert.All(links, l => Assert.True(File.Exists(Dir.Combine("out", l)) || Directory.Exists(Dir.Combine("out", l)), l));
        Assert.Contains("rca_images/ (2 files)", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ArtifactCatalog.Describe("kpi_gaps.jsonl")), html, StringComparison.Ordinal);
        Assert.Contains("3 FP and 2 FN", html, StringComparison.Ordinal);
        foreach (string fact in new[] { "seed</th><td class=\"mono\">42<", "judge: model</th><td class=\"mono\">pixel-v1<", "input: predictions_json", RunRecord.Tool.Version, "gap_analysis demo-verb results_dir=out" })
        {
            Assert.Contains(fact, html, StringComparison.Ordinal);
        }
        // A manifest of a different run owns index.html too: a rerun replaces it, and retracting removes it.
        OutputSet.Retract(Dir.Combine("out"), ["report.html", "kpi_gaps.jsonl", "model_ranking.csv", "rca_images/"], []);
        Assert.False(File.Exists(index));
    }

    [Fact]
    public async Task AParentRunLinksTheFrontPagesOfTheRunsInItsSubfolders()
    {
        await CommitRun(Dir.Combine("demo", "vlm_bcq"));
        var record = new RunRecord("demo", []);
        using var outputs = OutputSet.Open(Dir.Combine("demo"), "--out", [DemoJob.SummaryName], []);
        outputs.StageText(DemoJob.SummaryName, "x\n");
        await record.CommitAsync(outputs, JobOutcome.Ok([]), CancellationToken.None);
        string html = File.ReadAllText(Dir.Combine("demo", OutputSet.IndexName));
        Assert.Contains("href=\"vlm_bcq/index.html\"", html, StringComparison.Ordinal);
        Assert.Contains("3 FP and 2 FN", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrontPageOpensInChromiumWithoutRequestsOrOverflow()
    {
        string index = await CommitRun(Dir.Combine("out"));
        await ReportBrowser.OpenAsync(index, "run_index", async page =>
        {
            Assert.Equal(5, await page.Locator("#table-files a").CountAsync());
            Assert.Equal("GapLens run: gap_analysis demo-verb", await page.Locator("h1").InnerTextAsync());
        });
    }
}
