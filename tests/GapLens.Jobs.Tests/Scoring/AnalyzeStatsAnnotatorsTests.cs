using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.Jobs.Scoring;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

/// <summary>`analyze stats` on human files with several annotators per item (as gaplens serve writes
/// them, plus VMEvalKit one-annotator files) against numpy and scikit-learn on the same data
/// (tests/TestData/vmeval_panel/make_fixture.py).</summary>
public sealed class AnalyzeStatsAnnotatorsTests : TempDirTest
{
    [Fact]
    public async Task AgreementBetweenHumansAndTheJudgeAgainstEachAnnotatorMatchTheReference()
    {
        string fx = TestData.PathOf("vmeval_panel");
        var outcome = await new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions(Path.Combine(fx, "judge"), Path.Combine(fx, "human"), Dir.Combine("out"), Resamples: 1000, Seed: 3),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(fx, "expected.json")));
        using var actual = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "stats.json")));
        var e = expected.RootElement;
        var a = actual.RootElement;
        void Close(JsonElement want, JsonElement got, double tol = 1e-9) => Assert.True(Math.Abs(want.GetDouble() - got.GetDouble()) <= tol, $"expected {want}, got {got}");

        // The judge against the consensus is the main agreement (the files' scores are the lower medians).
        Assert.Equal(e.GetProperty("paired").GetInt32(), a.GetProperty("items").GetProperty("paired").GetInt32());
        Assert.Equal(e.GetProperty("human_skipped").GetInt32(), a.GetProperty("items").GetProperty("human_skipped").GetInt32());
        Close(e.GetProperty("consensus_kappa_quadratic"), a.GetProperty("cohen_kappa_quadratic").GetProperty("value"));

        var ann = a.GetProperty("annotators");
        Assert.Equal(e.GetProperty("annotators").GetInt32(), ann.GetProperty("annotators").GetInt32());
        Assert.Equal(e.GetProperty("items_two_or_more").GetInt32(), ann.GetProperty("items_with_two_or_more").GetInt32());
        Close(e.GetProperty("alpha_ordinal"), ann.GetProperty("krippendorff_alpha_ordinal").GetProperty("value"));
        Close(e.GetProperty("alpha_interval"), ann.GetProperty("krippendorff_alpha_interval").GetProperty("value"));
        var boot = ann.GetProperty("krippendorff_alpha_ordinal_bootstrap");
        Assert.Equal((1000, 3UL), (boot.GetProperty("resamples").GetInt32(), boot.GetProperty("seed").GetUInt64()));
        Assert.InRange(e.GetProperty("alpha_ordinal").GetDouble(), boot.GetProperty("lower").GetDouble(), boot.GetProperty("upper").GetDouble());
        var rows = ann.GetProperty("judge_vs_annotator").EnumerateArray().ToDictionary(r => r.GetProperty("annotator").GetString()!);
        foreach (var want in e.GetProperty("judge_vs_annotator").EnumerateArray())
        {
            var got = rows[want.GetProperty("annotator").GetString()!];
            Assert.Equal(want.GetProperty("n").GetInt32(), got.GetProperty("n").GetInt32());
            Close(want.GetProperty("quadratic_kappa"), got.GetProperty("quadratic_kappa").GetProperty("value"));
            Close(want.GetProperty("exact_agreement"), got.GetProperty("exact_agreement"));
            Close(want.GetProperty("mean_difference"), got.GetProperty("mean_difference"));
        }
        string md = File.ReadAllText(Dir.Combine("out", "stats.md"));
        Assert.Contains("## Annotators", md, StringComparison.Ordinal);
        Assert.Contains("Krippendorff's alpha between humans, ordinal", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HumanFilesThatNameNoAnnotatorHaveNoAnnotatorsSection()
    {
        // The older fixture's human files carry no annotator: stats.json says annotators: null.
        string fx = TestData.PathOf("vmeval_stats");
        var outcome = await new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions(Path.Combine(fx, "judge"), Path.Combine(fx, "human"), Dir.Combine("out"), Resamples: 200),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        using var actual = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "stats.json")));
        Assert.Equal(JsonValueKind.Null, actual.RootElement.GetProperty("annotators").ValueKind);
        Assert.DoesNotContain("## Annotators", File.ReadAllText(Dir.Combine("out", "stats.md")), StringComparison.Ordinal);
    }
}
