using System.Text.Json;
using GapLens.Core;
using GapLens.Jobs.VcnAoi;
using GapLens.IO.Logging;
using GapLens.IO.Parquet;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VcnAoi;

public sealed class VcnAoiJobTests : TempDirTest
{
    internal static readonly string[] UnreachableFiles =
    [
        "out/RCA_Report.md", "out/gaplens_run.json", "out/index.html", "out/rca_images/pr_curve.png", "out/rca_images/score_histogram.png",
        "out/rca_images/threshold_sweep.png", "out/report.html", "out/report.json", "out/unreachable_kpi.txt",
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string d in Directory.GetDirectories(TestData.PathOf("vcn_aoi")).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(d));
        return data;
    }

    private static AoiOptions OptionsFor(string caseDir, string resultsDir)
    {
        using var args = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(caseDir, "args.json")));
        var a = args.RootElement;
        int? k = a.TryGetProperty("top_k_per_label", out var kk) ? (kk.ValueKind == JsonValueKind.String ? null : kk.GetInt32()) : 50;
        return new AoiOptions(
            Path.Combine(caseDir, "inference"), Path.Combine(caseDir, "train.yaml"),
            a.TryGetProperty("kpi_media_path", out var m) ? m.GetString()! : "",
            a.TryGetProperty("threshold", out var t) ? t.GetDouble() : -1.0,
            a.TryGetProperty("min_recall", out var r) ? r.GetDouble() : 1.0,
            k, resultsDir);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MatchesThePandasReference(string name)
    {
        string caseDir = TestData.PathOf("vcn_aoi", name);
        string expected = Path.Combine(caseDir, "expected");
        string outDir = Dir.Combine("out");
        var log = new StringWriter();
        var outcome = await new VcnAoiJob().RunAsync(OptionsFor(caseDir, outDir), JobContext.Create(new RunLog(log, LogLevel.Debug), "/"), CancellationToken.None);
        using var exit = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(expected, "exit.json")));
        Assert.Equal(exit.RootElement.GetProperty("exit").GetInt32(), outcome.Passed ? 0 : 1);
        if (!outcome.Passed)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(expected, "unreachable_kpi.txt")), File.ReadAllText(Path.Combine(outDir, "unreachable_kpi.txt")));
            // No TAO artifact; the RCA report (its unreachable variant) is written beside the file.
            // Without NO_PASS samples recall is undefined: no precision-recall curve is drawn.
            bool noDefects = name == "unreachable_no_defects";
            Assert.Equal(UnreachableFiles.Where(f => !noDefects || !f.EndsWith("pr_curve.png", StringComparison.Ordinal)), Dir.ListFiles());
            Assert.Contains("## 3-6. KPI Unreachable", File.ReadAllText(Path.Combine(outDir, "RCA_Report.md")), StringComparison.Ordinal);
            return;
        }
        foreach (string f in new[] { "weak_samples_breakdown.txt", "metrics.json" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(expected, f)), File.ReadAllText(Path.Combine(outDir, f)));
        }
        // threshold.txt exactly when the reference wrote one (a swept threshold; none when pinned).
        Assert.Equal(File.Exists(Path.Combine(expected, "threshold.txt")), File.Exists(Path.Combine(outDir, "threshold.txt")));
        if (File.Exists(Path.Combine(expected, "threshold.txt")))
        {
            Assert.Equal(File.ReadAllText(Path.Combine(expected, "threshold.txt")), File.ReadAllText(Path.Combine(outDir, "threshold.txt")));
        }
        await using var parquet = File.OpenRead(Path.Combine(outDir, "kpi_gaps.parquet"));
        var rows = await KpiGapsParquet.ReadAsync(parquet);
        var want = File.ReadAllLines(Path.Combine(expected, "kpi_gaps.rows.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(want.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(want[i].GetProperty("filepath").GetString(), rows[i].Filepath);
            Assert.Equal(want[i].GetProperty("label").GetString(), rows[i].Label);
            Assert.Equal(want[i].GetProperty("siamese_score").GetDouble(), rows[i].SiameseScore);
            Assert.Equal(want[i].GetProperty("weakness").GetDouble(), rows[i].Weakness);
        }
    }

    [Fact]
    public async Task APinnedThresholdWritesNoThresholdFileButKeepsTheValueInMetricsAndBreakdown()
    {
        // NVIDIA's own vcn_aoi test asserts that no threshold.txt is written when the threshold is pinned.
        string caseDir = TestData.PathOf("vcn_aoi", "worked_example");
        var o = new AoiOptions(Path.Combine(caseDir, "inference"), Path.Combine(caseDir, "train.yaml"), "", 0.85, 1.0, 50, Dir.Combine("out"));
        var outcome = await new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.False(File.Exists(Dir.Combine("out", "threshold.txt")));
        Assert.DoesNotContain(outcome.Artifacts, a => a.EndsWith("threshold.txt", StringComparison.Ordinal));
        Assert.All(outcome.Artifacts, a => Assert.True(File.Exists(a), a));
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "metrics.json")));
        Assert.Equal(0.85, metrics.RootElement.GetProperty("threshold").GetDouble());
        Assert.Equal(0, metrics.RootElement.GetProperty("candidates_evaluated").GetInt64());
        Assert.StartsWith("Weak samples breakdown by label (threshold=0.85, top_k_per_label=50)\n",
            File.ReadAllText(Dir.Combine("out", "weak_samples_breakdown.txt")), StringComparison.Ordinal);
        // A swept threshold still writes it.
        var swept = await new VcnAoiJob().RunAsync(o with { Threshold = -1, ResultsDir = Dir.Combine("swept") }, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.Equal("0.09999999999999999", File.ReadAllText(Dir.Combine("swept", "threshold.txt")));
        Assert.Contains(Dir.Combine("swept", "threshold.txt"), swept.Artifacts);
    }

    [Fact]
    public async Task EmptyResultStillHasTheFourTypedColumns()
    {
        // Below-threshold mode on a cleanly separated set keeps nothing.
        Directory.CreateDirectory(Dir.Combine("clean"));
        File.WriteAllText(Dir.Combine("clean", "inference.csv"), "input_path,object_name,label,siamese_score\na,b,PASS,0.1\na,c,NO_PASS,0.9\n");
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: [top]\n");
        var clean = new AoiOptions(Dir.Combine("clean"), Dir.Combine("train.yaml"), "", 0.5, 1.0, null, Dir.Combine("out2"));
        var outcome = await new VcnAoiJob().RunAsync(clean, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        await using var s = File.OpenRead(Dir.Combine("out2", "kpi_gaps.parquet"));
        var schema = await global::Parquet.ParquetReader.ReadSchemaAsync(s);
        var fields = schema.GetDataFields();
        Assert.Equal(["filepath", "label", "siamese_score", "weakness"], fields.Select(f => f.Name));
        Assert.All(fields.Take(2), f => Assert.Equal(global::Parquet.Schema.SchemaType.Data, f.SchemaType));
        Assert.All(fields.Take(2), f => Assert.NotEqual(typeof(double), f.ClrType));
        Assert.All(fields.Skip(2), f => Assert.Equal(typeof(double), f.ClrType));
        s.Position = 0;
        Assert.Empty(await KpiGapsParquet.ReadAsync(s));
    }

    [Theory]
    [InlineData("input_path,object_name,label\na,b,PASS\n", "missing column 'siamese_score'")]
    [InlineData("input_path,object_name,label,siamese_score\n", "contains no rows.")]
    [InlineData("", "is empty: expected a header row")]
    [InlineData("input_path,object_name,label,siamese_score\na,b,PASS,0.1\na,c,PASS,high\n", "line 3: siamese_score 'high' is not a finite number")]
    [InlineData("input_path,object_name,label,siamese_score\na,b,PASS,nan\n", "line 2: siamese_score 'nan' is not a finite number")]
    public async Task MalformedCsvIsAUserErrorAndWritesNothing(string csv, string expected)
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), csv);
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0}\n");
        var o = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), "", -1, 1, 50, Dir.Combine("out"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir.Combine("out")));
    }

    [Theory]
    [InlineData("dataset:\n  other: 1\n", "missing or non-mapping key dataset.classify")]
    [InlineData("dataset:\n  classify:\n    image_ext: .png\n", "missing key dataset.classify.input_map")]
    [InlineData("dataset:\n  classify:\n    input_map: 3\n", "must be a mapping of lighting name to channel, or a list of names")]
    public async Task BadTrainConfigIsAUserError(string yaml, string expected)
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), "input_path,object_name,label,siamese_score\na,b,PASS,0.1\n");
        File.WriteAllText(Dir.Combine("train.yaml"), yaml);
        var o = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), "", -1, 1, 50, Dir.Combine("out"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableSpotCheckImageIsAUserErrorAndNothingIsWritten()
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), "input_path,object_name,label,siamese_score\nb,U1,PASS,0.9\nb,U2,NO_PASS,0.8\nb,U3,PASS,0.1\n");
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: [top]\n    image_ext: .png\n");
        Directory.CreateDirectory(Dir.Combine("media", "b"));
        File.WriteAllText(Dir.Combine("media", "b", "U1_top.png"), "not a png");
        var o = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), Dir.Combine("media"), -1, 1, 5, Dir.Combine("out"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None));
        Assert.Equal($"image {Dir.Combine("media", "b", "U1_top.png")} exists but is not a readable image (PNG, JPEG, BMP, GIF or WebP expected)", ex.Message);
        Assert.DoesNotContain(Dir.ListFiles(), f => f.StartsWith("out/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANulInAnInputPathIsListedAsNoImageNotAnInternalError()
    {
        // Found by the fresh-eye attack: the spot-check's path lookup threw ArgumentException (exit 3).
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), "input_path,object_name,label,siamese_score\np\0q,U1,PASS,0.9\nb,U2,NO_PASS,0.1\n");
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: [top]\n    image_ext: .png\n");
        var o = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), Dir.Combine("media"), 0.5, 1, 5, Dir.Combine("out"));
        var outcome = await new VcnAoiJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.Contains("not a file path: it holds a NUL character", File.ReadAllText(Dir.Combine("out", "report.html")), StringComparison.Ordinal);
        Assert.Contains("p\0q", File.ReadAllText(Dir.Combine("out", "report.json")).Replace("\\u0000", "\0", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
