using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.Jobs.Tests.Browser;
using GapLens.Jobs.VcnAoi;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VcnAoi;

/// <summary>The cost side of the vcn_aoi verdict: a reachable KPI that rejects most good parts is amber
/// and says so; the operating-points table equals a brute-force sweep of the same scores.</summary>
public sealed class RcaCostTests : TempDirTest
{
    /// <summary>1,000 good parts scored 0-0.6, 100 defects scored 0.4-1.0 and one defect at 0.05 (recall 1.0 then costs most good parts);
    /// without the hard defect, the defects score 0.58-1.0 (nearly separable).</summary>
    private (List<(bool Defect, double Score)> Rows, string Out) Write(bool hardDefect)
    {
        var rng = new Random(11);
        var rows = new List<(bool, double)>();
        for (int i = 0; i < 1000; i++) rows.Add((false, Math.Round(rng.NextDouble() * 0.6, 6)));
        for (int i = 0; i < 100; i++) rows.Add((true, Math.Round((hardDefect ? 0.4 : 0.58) + rng.NextDouble() * (hardDefect ? 0.6 : 0.42), 6)));
        if (hardDefect) rows.Add((true, 0.05));
        var csv = new StringBuilder("input_path,object_name,label,siamese_score\n");
        for (int i = 0; i < rows.Count; i++) csv.Append(CultureInfo.InvariantCulture, $"b,U{i:0000},{(rows[i].Item1 ? "MISSING" : "PASS")},{rows[i].Item2:R}\n");
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), csv.ToString());
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0}\n    image_ext: .png\n");
        return (rows, Dir.Combine("out"));
    }

    private async Task<JsonElement> Run(string outDir, double minRecall)
    {
        var outcome = await new VcnAoiJob().RunAsync(new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), Dir.Combine("media"), -1, minRecall, 5, outDir),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        return JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "report.json"))).RootElement.Clone();
    }

    /// <summary>TAO's rule by brute force: every distinct score (and one below the lowest) as a threshold, NO_PASS when score > t.</summary>
    private static (double T, long Fp, long Fn) Best(List<(bool Defect, double Score)> rows, double target)
    {
        var ts = rows.Select(r => r.Score).Distinct().Order().Prepend(rows.Min(r => r.Score) - 1e-9).ToList();
        (double T, long Fp, long Fn, double F1, double P)? best = null;
        foreach (double t in ts)
        {
            long tp = rows.Count(r => r.Defect && r.Score > t), fp = rows.Count(r => !r.Defect && r.Score > t), fn = rows.Count(r => r.Defect && r.Score <= t);
            if ((double)tp / (tp + fn) < target - 1e-12) continue;
            double p = tp + fp == 0 ? 0 : (double)tp / (tp + fp), f1 = 2.0 * tp / (2 * tp + fp + fn);
            if (best is null || f1 > best.Value.F1 || (f1 == best.Value.F1 && (p > best.Value.P || (p == best.Value.P && t > best.Value.T)))) best = (t, fp, fn, f1, p);
        }
        return (best!.Value.T, best.Value.Fp, best.Value.Fn);
    }

    [Fact]
    public async Task ReachableButCostlyIsAmberNamesTheCostAndShowsTheOperatingPoints()
    {
        var (rows, outDir) = Write(hardDefect: true);
        var report = await Run(outDir, 1.0);
        var verdict = report.GetProperty("verdict");
        Assert.Equal("warning", verdict.GetProperty("tone").GetString());
        var at1 = Best(rows, 1.0);
        string headline = verdict.GetProperty("headline").GetString()!;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{at1.Fp:#,0} of 1,000 good parts"), headline, StringComparison.Ordinal);
        Assert.Contains("falsely rejected", headline, StringComparison.Ordinal);
        Assert.Contains(verdict.GetProperty("points").EnumerateArray(), p => p.GetString()!.StartsWith("At recall 0.99:", StringComparison.Ordinal));

        var table = report.GetProperty("sections")[0].GetProperty("blocks").EnumerateArray().Select(b => b.TryGetProperty("table", out var t) ? t : default)
            .Single(t => t.ValueKind == JsonValueKind.Object && t.GetProperty("id").GetString() == "operating_points");
        var rowsShown = table.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(4, rowsShown.Count); // 1.0 (chosen), 0.999, 0.99, 0.95
        foreach (var (row, target) in rowsShown.Zip(new[] { 1.0, 0.999, 0.99, 0.95 }))
        {
            var want = Best(rows, target);
            Assert.Equal(want.T, row[1].GetProperty("value").GetDouble(), 12);
            Assert.Equal(want.Fp, row[4].GetProperty("value").GetInt64());
            Assert.Equal(want.Fn, row[6].GetProperty("value").GetInt64());
            Assert.True(row[5].GetProperty("interval").GetProperty("lower").GetDouble() <= want.Fp / 1000.0);
        }
        Assert.Equal("badge", rowsShown[0][0].GetProperty("type").GetString());
        // The first action no longer just says "deploy": it names the cost and the cheaper target.
        string actions = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "actions").GetProperty("blocks")[0].GetProperty("items")[0].GetString()!;
        Assert.Contains("deploy only if the false-reject cost is acceptable", actions, StringComparison.Ordinal);
        // Recall 0.999 of 101 defects still needs all 101: the first cheaper target is 0.99.
        Assert.Contains("Alternative: min_recall=0.99 gives threshold", actions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheapThresholdIsGreenAndFarCorrectRowsAreNotMarginal()
    {
        var (_, outDir) = Write(hardDefect: false);
        var report = await Run(outDir, 0.95);
        Assert.Equal("good", report.GetProperty("verdict").GetProperty("tone").GetString());
        var statuses = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "topk").GetProperty("blocks").EnumerateArray()
            .SelectMany(b => b.GetProperty("table").GetProperty("rows").EnumerateArray()).Select(r => (Weakness: r[4].GetProperty("value").GetDouble(), Status: r[5].GetProperty("value").GetString())).ToList();
        Assert.All(statuses.Where(s => s.Weakness > 0), s => Assert.Equal("misclassified", s.Status));
        Assert.All(statuses.Where(s => s.Weakness < -0.05), s => Assert.Equal("correct", s.Status));
    }

    [Fact]
    public async Task RcaPageOpensWithoutOverflowOrOverlappingChartText()
    {
        var (_, outDir) = Write(hardDefect: true);
        await Run(outDir, 1.0);
        await ReportBrowser.OpenAsync(Path.Combine(outDir, "report.html"), "vcn_aoi_report", async page =>
        {
            Assert.Contains("warning", await page.Locator("#verdict-box").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Equal(5, await page.Locator("#table-operating_points tr").CountAsync());
            Assert.DoesNotContain("-0.0000", await page.ContentAsync(), StringComparison.Ordinal);
        });
    }
}
