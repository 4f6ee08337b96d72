using System.Diagnostics;
using System.Text;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>The issue's bad inputs through the real program: exit 2 with one line naming the file and
/// line or field (never a stack trace, never exit 3), nothing written; or handled.</summary>
public sealed class BadInputCliTests : TempDirTest
{
    private void AssertUserError(CliRunner.Result r, string expected)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.Equal(expected, r.StderrLines[^1]);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.False(Directory.Exists(Dir.Combine("out")), "results_dir was created");
    }

    private CliRunner.Result Bcq(byte[] predictions)
    {
        File.WriteAllBytes(Dir.Combine("p.json"), predictions);
        return CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={Dir.Combine("p.json")}", "results_dir=out");
    }

    [Fact]
    public void VlmBcqInvalidUtf8()
    {
        byte[] bytes = [.. "[{\"video_id\": \"a\", \"response\": \"yes "u8.ToArray(), 0xFF, .. "\", \"gt\": \"no\"}]"u8.ToArray()];
        AssertUserError(Bcq(bytes), $"predictions_json {Dir.Combine("p.json")} line 1: invalid UTF-8 (byte 0xFF at byte offset 36); the file must be UTF-8 text (Python's json.load refuses it too)");
    }

    [Fact]
    public void VlmBcqLoneSurrogate() =>
        AssertUserError(Bcq("""[{"video_id": "a", "response": "yes \ud800", "gt": "no"}]"""u8.ToArray()),
            $"predictions_json item 0: 'response' holds an escape that is not text (a lone surrogate such as \\ud800; pair it or remove it) (at {Dir.Combine("p.json")}:1)");

    [Fact]
    public void VlmBcqNulInAVideoIdIsRefusedAndElsewhereKept()
    {
        AssertUserError(Bcq("""[{"video_id": "a\u0000.mp4", "response": "yes", "gt": "no"}]"""u8.ToArray()),
            $"predictions_json item 0: 'video_id' contains a NUL character (\\u0000), which no path can hold (at {Dir.Combine("p.json")}:1)");
        var r = Bcq("""[{"video_id": "/v/a.mp4", "response": "yes\u0000", "gt": "no", "question": "q\u0000"}]"""u8.ToArray());
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\"video_id\": \"/v/a.mp4\", \"error_type\": \"FP\", \"question\": \"q\\u0000\", \"ground_truth\": \"no\", \"response\": \"yes\\u0000\"}\n",
            File.ReadAllText(Dir.Combine("out", "kpi_gaps.jsonl")));
    }

    [Fact]
    public void VlmBcqOneStringOfOneGibibyteIsRefusedEarly()
    {
        // The issue's case: one 1 GiB string made the reader rent a 2 GiB buffer and crash.
        using (var fs = File.Create(Dir.Combine("p.json")))
        {
            fs.Write("[{\"video_id\": \"a\", \"gt\": \"no\", \"response\": \""u8);
            var chunk = new byte[1 << 20];
            chunk.AsSpan().Fill((byte)'y');
            for (int i = 0; i < 1024; i++) fs.Write(chunk);
            fs.Write("\"}]"u8);
        }
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={Dir.Combine("p.json")}", "results_dir=out");
        File.Delete(Dir.Combine("p.json"));
        AssertUserError(r, $"predictions_json {Dir.Combine("p.json")} line 1: one item is larger than 64 MiB, the limit for one record; raise it with the environment variable GAPLENS_MAX_RECORD_BYTES (e.g. GAPLENS_MAX_RECORD_BYTES=1G) if the item is meant to be that large");
    }

    [Fact]
    public void TheRecordLimitIsSetByItsEnvironmentVariable()
    {
        File.WriteAllText(Dir.Combine("p.json"), "[{\"video_id\": \"a\", \"gt\": \"no\", \"response\": \"" + new string('y', 3 << 20) + " yes\"}]");
        var small = CliRunner.Run(Dir.Path, new Dictionary<string, string> { ["GAPLENS_MAX_RECORD_BYTES"] = "2M" }, "bcq", "--predictions", "p.json", "--out", "out");
        AssertUserError(small, $"predictions_json {Dir.Combine("p.json")} line 1: one item is larger than 2 MiB, the limit for one record; raise it with the environment variable GAPLENS_MAX_RECORD_BYTES (e.g. GAPLENS_MAX_RECORD_BYTES=1G) if the item is meant to be that large");
        var bad = CliRunner.Run(Dir.Path, new Dictionary<string, string> { ["GAPLENS_MAX_RECORD_BYTES"] = "lots" }, "bcq", "--predictions", "p.json", "--out", "out");
        AssertUserError(bad, "environment variable GAPLENS_MAX_RECORD_BYTES='lots' is not a whole number of bytes >= 1 (e.g. 67108864, or with a suffix K, M or G); unset it for the default 64 MiB");
        Assert.Equal(0, CliRunner.Run(Dir.Path, new Dictionary<string, string> { ["GAPLENS_MAX_RECORD_BYTES"] = "4M" }, "bcq", "--predictions", "p.json", "--out", "out").ExitCode);
    }

    [Fact]
    public async Task VlmBcqReadsDevStdinAndAFifoInOnePass()
    {
        const string preds = """[{"video_id": "/v/a.mp4", "response": "yes", "gt": "no"}, {"video_id": "/v/b.mp4", "response": "no", "gt": "yes"}]""";
        var psi = GapLensProgram.StartInfo("gap_analysis", "vlm_bcq", "predictions_json=/dev/stdin", "results_dir=stdin");
        psi.WorkingDirectory = Dir.Path;
        psi.RedirectStandardInput = psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        using (var p = Process.Start(psi)!)
        {
            p.StandardInput.Write(preds);
            p.StandardInput.Close();
            var err = p.StandardError.ReadToEndAsync();
            await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            Assert.True(p.ExitCode == 0, await err);
        }
        string expected = File.ReadAllText(Dir.Combine("stdin", "kpi_gaps.jsonl"));
        Assert.Equal(2, expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        RunManifestTests.AssertValid(Dir.Combine("stdin", "gaplens_run.json"));

        string fifo = Fifo.Make(Dir.Combine("preds.fifo"));
        using var writer = Fifo.WriteAsync(fifo, Encoding.UTF8.GetBytes(preds));
        var r = CliRunner.Run(Dir.Path, "bcq", "--predictions", fifo, "--out", "fifo");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(expected, File.ReadAllText(Dir.Combine("fifo", "kpi_gaps.jsonl")));
        OutputAssert.NoTemporaries(Dir.Path);
    }

    private CliRunner.Result Aoi(byte[] csv, string yaml = "dataset:\n  classify:\n    input_map: {top: 0}\n")
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllBytes(Dir.Combine("inf", "inference.csv"), csv);
        File.WriteAllText(Dir.Combine("train.yaml"), yaml);
        return CliRunner.Run(Dir.Path, "aoi", "--inference-dir", "inf", "--train-config", "train.yaml", "--out", "out");
    }

    private const string Header = "input_path,object_name,label,siamese_score\n";

    private static byte[] Csv(string rows) => Encoding.UTF8.GetBytes(Header + rows);

    private string CsvPath => Dir.Combine("inf", "inference.csv");

    [Fact]
    public void VcnAoiShortRow() =>
        AssertUserError(Aoi(Csv("a,b,PASS,0.1\na,c,NO_PASS\n")), $"inference CSV {CsvPath} line 3: a short row: 3 field(s) where the header has 4, so it has no siamese_score");

    [Fact]
    public void VcnAoiLongRow() =>
        AssertUserError(Aoi(Csv("a,b,PASS,0.1,zz,yy\na,c,NO_PASS,0.9\n")),
            $"inference CSV {CsvPath} line 2: 6 fields where the header has 4 (pandas refuses it too: \"Expected 4 fields in line 2, saw 6\"); quote fields that hold a comma");

    [Fact]
    public void VcnAoiInvalidUtf8() =>
        AssertUserError(Aoi([.. Csv("a,b,PASS,0.1\na"), 0xFF, .. ",c,NO_PASS,0.9\n"u8.ToArray()]),
            $"inference CSV {CsvPath} line 3: invalid UTF-8 (byte 0xFF); the file must be UTF-8 text (pandas refuses it too: UnicodeDecodeError)");

    [Fact]
    public void VcnAoiTrailingBlankLineIsSkipped() => Assert.Equal(0, Aoi(Csv("a,b,PASS,0.1\na,c,NO_PASS,0.9\n\n")).ExitCode);

    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("1.5", "'1.5'")]
    [InlineData("{x: 1}", "a mapping")]
    public void VcnAoiInputMapValuesThatAreNotIntegers(string value, string got) =>
        AssertUserError(Aoi(Csv("a,b,PASS,0.1\na,c,NO_PASS,0.9\n"), $"dataset:\n  classify:\n    input_map:\n      top: {value}\n"),
            $"train_config {Dir.Combine("train.yaml")} line 4: dataset.classify.input_map.top must be a channel index (a whole number >= 0), got {got}");

    [Fact]
    public void VcnAoiRepeatedLightingNames() =>
        AssertUserError(Aoi(Csv("a,b,PASS,0.1\na,c,NO_PASS,0.9\n"), "dataset:\n  classify:\n    input_map: [top, side, top]\n"),
            $"train_config {Dir.Combine("train.yaml")} line 3: dataset.classify.input_map lists the lighting 'top' twice; each lighting must appear once");

    [Theory]
    [InlineData("dataset: {classify: {input_map: {top: 0")]
    [InlineData("{top: 0")]
    [InlineData("dataset%: {classif\ny: {input_map: {op: 0,  1}, image_ext: .png}\n")]
    [InlineData("dataset: {classify: {input_map: {[a, b]: 1}}}\n")]
    [InlineData("a: &x [1, *x]\ndataset: {classify: {input_map: *x}}\n")]
    public void VcnAoiMalformedFlowStyleYaml(string yaml)
    {
        var r = Aoi(Csv("a,b,PASS,0.1\na,c,NO_PASS,0.9\n"), yaml);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.StartsWith($"train_config {Dir.Combine("train.yaml")}", r.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void VcnAoiFiniteScoresOfPlusMinus1e308DoNotCrashThePlots()
    {
        var r = Aoi(Csv("a,b,PASS,1e308\na,c,NO_PASS,-1e308\na,d,PASS,0.5\na,e,NO_PASS,0.7\n"));
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Empty(GapLens.IO.Files.OutputSet.Check(Dir.Combine("out")));
        Assert.Equal("-1.0000000000000002e+308", File.ReadAllText(Dir.Combine("out", "threshold.txt")));
    }

    [Fact]
    public void VcnAoiAnInferenceCsvLinkedToDevZeroIsRefused()
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.CreateSymbolicLink(Dir.Combine("inf", "inference.csv"), "/dev/zero");
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0}\n");
        var r = CliRunner.Run(Dir.Path, "aoi", "--inference-dir", "inf", "--train-config", "train.yaml", "--out", "out");
        AssertUserError(r, $"inference CSV {CsvPath} line 1: one row is longer than 64 MiB, the limit for one record (an unclosed quote makes the rest of the file one field); raise it with the environment variable GAPLENS_MAX_RECORD_BYTES if the row is meant to be that long");
    }
}
