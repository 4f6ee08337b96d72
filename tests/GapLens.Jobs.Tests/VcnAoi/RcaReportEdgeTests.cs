using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.Jobs.VcnAoi;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Jobs.Tests.VcnAoi;

/// <summary>The RCA report over data at the edges: finite scores near the double range, markup in CSV
/// fields, a spot-check image too large to decode.</summary>
public sealed class RcaReportEdgeTests : TempDirTest
{
    private async Task<JobOutcome> Run(string csv, string media = "")
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), csv);
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: [top]\n    image_ext: .png\n");
        var o = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), media, -1, 1, 50, Dir.Combine("out"));
        return await new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
    }

    [Fact]
    public async Task FiniteScoresNearTheDoubleRangeArePlottedInAScaledUnit()
    {
        var outcome = await Run("input_path,object_name,label,siamese_score\na,b,PASS,1e308\na,c,NO_PASS,-1e308\na,d,PASS,0.5\na,e,NO_PASS,1.7976931348623157e308\n");
        Assert.True(outcome.Passed);
        foreach (string figure in new[] { "score_histogram", "threshold_sweep", "pr_curve" })
        {
            using var png = SKBitmap.Decode(Dir.Combine("out", "rca_images", figure + ".png"));
            Assert.True(png is { Width: > 100 }, figure);
        }
        using var report = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "report.json")));
        var histogram = report.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.TryGetProperty("figure", out _)).Select(b => b.GetProperty("figure")).First(f => f.GetProperty("id").GetString() == "score_histogram");
        Assert.Equal("siamese_score (x 1e+308) (higher = more likely a defect)", histogram.GetProperty("x").GetProperty("label").GetString());
        var edges = histogram.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.All(edges, e => Assert.True(double.IsFinite(e) && Math.Abs(e) <= 10, $"edge {e}"));
        // The weakness overflows to infinity, as in TAO: metrics.json writes it as Python does, the report as text.
        Assert.Contains("\"max_weakness\": Infinity", File.ReadAllText(Dir.Combine("out", "metrics.json")), StringComparison.Ordinal);
        Assert.Contains("| inf |", File.ReadAllText(Dir.Combine("out", "RCA_Report.md")), StringComparison.Ordinal);
    }

    /// <summary>Degenerate data (found by a fresh-eye attack): one distinct score put 0.3 on a histogram
    /// axis running to 40; with no NO_PASS sample the PR curve drew a diagonal for an undefined recall;
    /// the verdict's key-value table showed an empty header row.</summary>
    [Fact]
    public async Task OneDistinctScoreAndNoDefectsGiveAnHonestHistogramAndNoPrCurve()
    {
        var outcome = await Run("input_path,object_name,label,siamese_score\na,b,PASS,0.3\na,c,PASS,0.3\n");
        Assert.False(outcome.Passed); // no NO_PASS sample: the KPI is unreachable
        Assert.False(File.Exists(Dir.Combine("out", "rca_images", "pr_curve.png")));
        Assert.True(File.Exists(Dir.Combine("out", "rca_images", "score_histogram.png")));
        using var report = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "report.json")));
        var figures = report.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.TryGetProperty("figure", out _)).Select(b => b.GetProperty("figure")).ToList();
        Assert.DoesNotContain(figures, f => f.GetProperty("id").GetString() == "pr_curve");
        var edges = figures.First(f => f.GetProperty("id").GetString() == "score_histogram").GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.InRange(edges[0], 0.2, 0.3);
        Assert.InRange(edges[^1], 0.3, 0.4);
        var sweepX = figures.First(f => f.GetProperty("id").GetString() == "threshold_sweep").GetProperty("x");
        Assert.InRange(sweepX.GetProperty("min").GetDouble(), 0.2, 0.29);
        Assert.InRange(sweepX.GetProperty("max").GetDouble(), 0.31, 0.4);
        string html = File.ReadAllText(Dir.Combine("out", "report.html"));
        Assert.DoesNotContain("<thead><tr><th></th><th></th></tr></thead>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawHtmlInACsvFieldEndsEscapedInTheMarkdownReport()
    {
        var outcome = await Run("input_path,object_name,label,siamese_score\n<img src=x onerror=alert(1)>,<script>alert(2)</script>,PASS,0.9\n" +
            "\"x\n<script>alert(3)</script>\",o,PASS,0.8\na,c,NO_PASS,0.1\na,d,PASS,0.2\n");
        Assert.True(outcome.Passed);
        string md = File.ReadAllText(Dir.Combine("out", "RCA_Report.md"));
        // As text the markup is escaped; in a table's code span (shown verbatim by Markdown) it stays on
        // its row: a line break there would end the table and the next line would be read as HTML.
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", md, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", md, StringComparison.Ordinal);
        foreach (string line in md.Split('\n').Where(l => l.Contains('<', StringComparison.Ordinal) && (l.Contains("<script", StringComparison.Ordinal) || l.Contains("<img", StringComparison.Ordinal))))
        {
            Assert.StartsWith("|", line, StringComparison.Ordinal);
            foreach (string tag in new[] { "<script", "<img" })
            {
                for (int at = line.IndexOf(tag, StringComparison.Ordinal); at >= 0; at = line.IndexOf(tag, at + 1, StringComparison.Ordinal))
                {
                    Assert.True(line[..at].Count(c => c == '`') % 2 == 1, $"{tag} outside a code span: {line}");
                }
            }
        }
        Assert.Contains("`x <script>alert(3)</script>`", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(2)", File.ReadAllText(Dir.Combine("out", "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASpotCheckImageOverThePixelLimitIsListedNotDecoded()
    {
        LargePng.Write(Dir.Combine("media", "a", "b_top.png"), 30000, 30000);
        var outcome = await Run("input_path,object_name,label,siamese_score\na,b,PASS,0.9\na,c,NO_PASS,0.1\n", Dir.Combine("media"));
        Assert.True(outcome.Passed);
        string md = File.ReadAllText(Dir.Combine("out", "RCA_Report.md"));
        Assert.Contains($"missing: image {Dir.Combine("media", "a", "b_top.png")} is 30000x30000 pixels (900 megapixels), over the 100 megapixel limit for one image", md, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Dir.Combine("out", "rca_images"), "spot_*"));
    }
}
