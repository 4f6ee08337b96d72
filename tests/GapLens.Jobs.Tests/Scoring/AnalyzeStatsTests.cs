using System.Text.Json;
using GapLens.Jobs;
using GapLens.Jobs.Scoring;
using GapLens.IO.Logging;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

/// <summary>`analyze stats` on a fixture against scipy and scikit-learn over the same pairs
/// (tests/TestData/vmeval_stats/make_fixture.py).</summary>
public sealed class AnalyzeStatsTests : TempDirTest
{
    [Fact]
    public async Task NumbersEqualScipyAndSklearnAndNothingIsDroppedSilently()
    {
        string fx = TestData.PathOf("vmeval_stats");
        var outcome = await new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions(Path.Combine(fx, "judge"), Path.Combine(fx, "human"), Dir.Combine("out"), Resamples: 2000),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(fx, "expected.json")));
        using var actual = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "stats.json")));
        var e = expected.RootElement;
        var a = actual.RootElement;
        var items = a.GetProperty("items");
        Assert.Equal(e.GetProperty("paired").GetInt32(), items.GetProperty("paired").GetInt32());
        Assert.Equal(e.GetProperty("judge_only").GetInt32(), items.GetProperty("judge_only").GetInt32());
        Assert.Equal(e.GetProperty("human_only").GetInt32(), items.GetProperty("human_only").GetInt32());
        Assert.Equal(e.GetProperty("judge_skipped").GetInt32(), items.GetProperty("judge_skipped").GetInt32());
        Assert.Equal(e.GetProperty("judge_failed").GetInt32(), items.GetProperty("judge_failed").GetInt32());
        Assert.Equal(e.GetProperty("unreadable").GetInt32(), items.GetProperty("unreadable_files").GetArrayLength());
        Assert.Contains(items.GetProperty("unreadable_files").EnumerateArray(), f => f.GetProperty("problem").GetString()!.Contains("must be an integer 1-5, got 9", StringComparison.Ordinal));

        void Close(double want, double got, double tol = 1e-9) => Assert.True(Math.Abs(want - got) <= tol, $"expected {want:R}, got {got:R}");
        // p-values to 1e-6 relative with an absolute floor of 1e-300 only, as tests/GapLens.Statistics.Tests
        // check them: a p-value of 1.7e-18 must be 1.7e-18, not merely below 1e-6.
        void CloseP(double want, double got, string what) =>
            Assert.True(Math.Abs(want - got) <= Math.Max(1e-6 * Math.Abs(want), 1e-300), $"{what} p-value: expected {want:R}, got {got:R}");
        Close(e.GetProperty("judge_mean").GetDouble(), a.GetProperty("judge").GetProperty("mean").GetDouble());
        Close(e.GetProperty("judge_std").GetDouble(), a.GetProperty("judge").GetProperty("std_ddof1").GetDouble());
        Close(e.GetProperty("human_std").GetDouble(), a.GetProperty("human").GetProperty("std_ddof1").GetDouble());
        foreach (var (key, name) in new[] { ("paired_t", "paired_t"), ("wilcoxon", "wilcoxon"), ("pearson", "pearson"), ("spearman", "spearman"), ("kendall", "kendall_tau_b") })
        {
            Close(e.GetProperty(key)[0].GetDouble(), a.GetProperty(name).GetProperty("statistic").GetDouble());
            CloseP(e.GetProperty(key)[1].GetDouble(), a.GetProperty(name).GetProperty("p_value").GetDouble(), name);
        }
        Close(e.GetProperty("kappa").GetDouble(), a.GetProperty("cohen_kappa").GetProperty("value").GetDouble());
        Close(e.GetProperty("kappa_linear").GetDouble(), a.GetProperty("cohen_kappa_linear").GetProperty("value").GetDouble());
        Close(e.GetProperty("kappa_quadratic").GetDouble(), a.GetProperty("cohen_kappa_quadratic").GetProperty("value").GetDouble());
        Close(e.GetProperty("pass_kappa").GetDouble(), a.GetProperty("pass_fail").GetProperty("kappa").GetProperty("value").GetDouble());
        Close(e.GetProperty("mean_difference").GetDouble(), a.GetProperty("mean_difference_percentile").GetProperty("observed").GetDouble());
        Assert.True(File.Exists(Dir.Combine("out", "scatter.png")));
        Assert.Contains("<text", File.ReadAllText(Dir.Combine("out", "scatter.svg")), StringComparison.Ordinal);
        Assert.Contains("Judge vs human scores", File.ReadAllText(Dir.Combine("out", "scatter.svg")), StringComparison.Ordinal);
    }
}
