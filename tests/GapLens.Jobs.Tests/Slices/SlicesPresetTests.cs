using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.IO.Results;
using GapLens.Jobs.Slices;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Slices;

/// <summary>`gaplens slices --results` on the output folders of vcn_aoi and vlm_bcq, made here by the
/// real jobs on small inputs: the outcome derived as the run decided it (counts checked against the
/// inputs), the features, a changed or missing input refused, a folder one level off refused with a
/// hint, and free-text metadata not a feature unless named.</summary>
public sealed class SlicesPresetTests : TempDirTest
{
    private JobContext Ctx(string verb) => JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, verb);

    private Task<JobOutcome> Slices(SlicesOptions o) => new SlicesJob().RunAsync(o, Ctx("slices"), CancellationToken.None);

    private static JsonElement Document(string dir) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, SlicesJob.DocumentName))).RootElement;

    private static long ClassTotal(JsonElement doc, string kind)
    {
        var classes = doc.GetProperty("classes").EnumerateArray().Select(c => c.GetString()).ToList();
        int i = classes.IndexOf(kind);
        return i < 0 ? 0 : doc.GetProperty("class_totals")[i].GetInt64();
    }

    /// <summary>600 AOI crops on 6 boards; board b3's good parts score high (false rejects at 0.5), BRIDGE defects score low on b5 (escapes).</summary>
    private (string Inference, string Train, List<(string Board, string Label, double Score)> Rows) AoiInputs()
    {
        var rows = new List<(string Board, string Label, double Score)>();
        var sb = new StringBuilder("input_path,object_name,label,siamese_score,lighting\n");
        for (int i = 0; i < 600; i++)
        {
            string board = $"boards/b{i % 6}";
            string label = i % 10 < 7 ? "PASS" : i % 10 < 9 ? "NO_PASS" : "bridge ";
            double score = label == "PASS"
                ? (board == "boards/b3" && i % 4 != 0 ? 0.7 + (i % 7) / 100.0 : 0.1 + (i % 13) / 100.0)
                : (board == "boards/b5" && label == "bridge " ? 0.3 : 0.8 + (i % 11) / 100.0);
            rows.Add((board, label, score));
            sb.Append(CultureInfo.InvariantCulture, $"{board},C{i % 40:00},{label},{score:R},{(i % 3 == 0 ? "night" : "day")}\n");
        }
        string inference = Dir.Combine("inference");
        Directory.CreateDirectory(inference);
        File.WriteAllText(Path.Combine(inference, "inference.csv"), sb.ToString());
        string train = Dir.File("train.yaml", "dataset:\n  classify:\n    input_map:\n      top: 0\n      side: 1\n    image_ext: .png\n");
        return (inference, train, rows);
    }

    private async Task<string> AoiRunAsync(double threshold)
    {
        var (inference, train, _) = AoiInputs();
        string results = Dir.Combine("aoi_out");
        var o = await new VcnAoiJob().RunAsync(new AoiOptions(inference, train, "", threshold, 1.0, 10, results), Ctx("gap_analysis vcn_aoi"), CancellationToken.None);
        Assert.True(o.Passed);
        return results;
    }

    [Fact]
    public async Task AVcnAoiRunFolderIsSlicedOnItsMisclassificationsAtTheRunsThreshold()
    {
        string results = await AoiRunAsync(0.5);
        var rows = AoiInputs().Rows;

        var outcome = await Slices(new SlicesOptions(results));

        Assert.True(outcome.Passed);
        Assert.StartsWith("Worst for sure: label = PASS & input_path = boards/b3", outcome.Headline, StringComparison.Ordinal);
        string dir = Path.Combine(results, SlicesJob.DirName);
        var doc = Document(dir);
        Assert.Equal(600, doc.GetProperty("samples").GetInt64());
        // The kinds as vcn_aoi decides: NO_PASS when score > threshold; PASS is the label "PASS" trimmed, any case.
        Assert.Equal(rows.Count(r => r.Label.Trim() == "PASS" && r.Score > 0.5), ClassTotal(doc, AoiOutcomeSink.FalseReject));
        Assert.Equal(rows.Count(r => r.Label.Trim() != "PASS" && r.Score <= 0.5), ClassTotal(doc, AoiOutcomeSink.Escape));
        Assert.True(ClassTotal(doc, AoiOutcomeSink.Escape) > 0);
        var features = doc.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["label", "input_path", "object_name", "lighting"], features);
        Assert.DoesNotContain("siamese_score", features);
        string md = File.ReadAllText(Path.Combine(dir, SlicesJob.MarkdownName));
        Assert.Contains("BRIDGE", md, StringComparison.Ordinal); // the label as vcn_aoi groups it: trimmed, upper case
        Assert.Empty(OutputSet.Check(dir));
        // The run record names the input the samples were read from and the run folder's record.
        string record = File.ReadAllText(Path.Combine(dir, OutputSet.ManifestName));
        Assert.Contains("inference.csv", record, StringComparison.Ordinal);
        Assert.Contains("run_record", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVcnAoiRunWithASweptThresholdUsesTheThresholdItChose()
    {
        string results = await AoiRunAsync(-1.0);
        using var metrics = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(results, VcnAoiJob.MetricsName)));
        double t = metrics.RootElement.GetProperty("threshold").GetDouble();
        var rows = AoiInputs().Rows;

        await Slices(new SlicesOptions(results));

        var doc = Document(Path.Combine(results, SlicesJob.DirName));
        // min_recall 1.0: no escapes; every false reject a PASS part above the chosen threshold.
        Assert.Equal(0, ClassTotal(doc, AoiOutcomeSink.Escape));
        Assert.Equal(rows.Count(r => r.Label.Trim() == "PASS" && r.Score > t), ClassTotal(doc, AoiOutcomeSink.FalseReject));
        Assert.True(ClassTotal(doc, AoiOutcomeSink.FalseReject) > 0);
    }

    [Fact]
    public async Task AChangedOrMissingInputOfTheRunIsAUserErrorAndWritesNothing()
    {
        string results = await AoiRunAsync(0.5);
        string csv = Dir.Combine("inference", "inference.csv");
        File.AppendAllText(csv, "boards/b0,C99,PASS,0.9,day\n");

        var changed = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(results)));

        Assert.Contains($"{csv} changed since the vcn_aoi run read it", changed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', changed.Message);
        Assert.False(Directory.Exists(Path.Combine(results, SlicesJob.DirName)));

        File.Delete(csv);
        var gone = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(results)));
        Assert.Contains($"the vcn_aoi run read {csv}, which is gone", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunWithoutAMisclassifiedSampleIsAUserErrorSayingSo()
    {
        string results = await AoiRunAsync(0.65);
        string inference = Dir.Combine("inference", "inference.csv");
        var lines = File.ReadAllLines(inference);
        // Rewrite the input so nothing is misclassified at 0.65, then rerun vcn_aoi on it.
        File.WriteAllLines(inference, [lines[0], .. lines.Skip(1).Select(l => l.Split(',')).Select(c => string.Join(',', c[0], c[1], c[2], c[2].Trim() == "PASS" ? "0.1" : "0.9", c[4]))]);
        await new VcnAoiJob().RunAsync(new AoiOptions(Dir.Combine("inference"), Dir.Combine("train.yaml"), "", 0.65, 1.0, 10, results), Ctx("gap_analysis vcn_aoi"), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(results)));

        Assert.Equal($"--results {results}: all 600 samples of this vcn_aoi run are correct (no false reject or escape at its threshold), so no slice can fail more often than the rest", ex.Message);
    }

    [Fact]
    public async Task AnOutcomeOptionOnARunFolderIsAUserError()
    {
        string results = await AoiRunAsync(0.5);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(results, Outcome: "label")));

        Assert.StartsWith("--outcome: a vcn_aoi run folder's outcome is derived from the run", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>480 predictions: 6 questions (each asked 80 times), a weather key, cameras in video_id's folder;
    /// the night question is answered yes too often (false positives), some answers are unclear (skipped).</summary>
    private (string Predictions, int Fp, int Fn, int Skipped) BcqInputs()
    {
        string[] questions =
        [
            "Is the traffic light red when the ego vehicle enters the intersection?",
            "Does a pedestrian cross the road in front of the ego vehicle?",
            "Is any vehicle driving the wrong way?",
            "Is it raining in this video at any point?",
            "Is there a cyclist on the right-hand side of the road?",
            "Does the ego vehicle stop completely at the stop line?",
        ];
        var items = new List<string>();
        int fp = 0, fn = 0, skipped = 0;
        for (int i = 0; i < 480; i++)
        {
            int q = i % 6;
            bool truth = i / 6 % 2 == 0;
            bool bad = q == 2 && !truth && i % 3 != 0;
            bool wrong = bad || i % 17 == 0;
            string response = i % 41 == 0 ? "Possibly; the frames are blurry." : (truth != wrong ? "Yes, clearly." : "No.");
            if (i % 41 == 0) skipped++;
            else if (wrong && !truth) fp++;
            else if (wrong) fn++;
            items.Add($$"""{"video_id": "clips/cam{{i / 7 % 4}}/clip_{{i:00000}}.mp4", "question": "{{questions[q]}}", "response": "{{response}}", "gt": "{{(truth ? "yes" : "no")}}", "weather": "{{(i % 5 == 0 ? "rain" : "dry")}}"}""");
        }
        string path = Dir.File("predictions.json", "[\n  " + string.Join(",\n  ", items) + "\n]\n");
        return (path, fp, fn, skipped);
    }

    [Fact]
    public async Task AVlmBcqRunFolderIsSlicedOnQuestionAndMetadataWithFalsePositivesAndNegativesAsKinds()
    {
        var (predictions, fp, fn, skipped) = BcqInputs();
        string results = Dir.Combine("bcq_out");
        var run = await new VlmBcqJob().RunAsync(new BcqOptions(predictions, results, null), Ctx("gap_analysis vlm_bcq"), CancellationToken.None);
        Assert.True(run.Passed);

        var outcome = await Slices(new SlicesOptions(results));

        Assert.StartsWith("Worst for sure: ground_truth = no & question = Is any vehicle driving the wrong way?: ", outcome.Headline, StringComparison.Ordinal);
        var doc = Document(Path.Combine(results, SlicesJob.DirName));
        Assert.Equal(480 - skipped, doc.GetProperty("samples").GetInt64());
        Assert.Equal("vlm_bcq answer vs ground truth", doc.GetProperty("outcome_column").GetString());
        Assert.Equal(fp, ClassTotal(doc, BcqOutcomeSink.FalsePositive));
        Assert.Equal(fn, ClassTotal(doc, BcqOutcomeSink.FalseNegative));
        // The same counts as vlm_bcq's own kpi_gaps.jsonl.
        var gaps = File.ReadAllLines(Path.Combine(results, BcqArtifacts.JsonlName));
        Assert.Equal(fp, gaps.Count(l => l.Contains("\"error_type\": \"FP\"", StringComparison.Ordinal)));
        Assert.Equal(fn, gaps.Count(l => l.Contains("\"error_type\": \"FN\"", StringComparison.Ordinal)));
        var skippedValue = doc.GetProperty("outcome_values").EnumerateArray().Single(v => v.GetProperty("value").GetString() == "skipped");
        Assert.Equal(skipped, skippedValue.GetProperty("rows").GetInt64());
        var features = doc.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ground_truth", "video_folder", "question", "weather"], features);
    }

    [Fact]
    public async Task AFolderOneLevelTooHighOrTooDeepIsRefusedWithTheRightFolder()
    {
        var (predictions, _, _, _) = BcqInputs();
        string root = Dir.Combine("demo");
        string results = Path.Combine(root, "vlm_bcq");
        await new VlmBcqJob().RunAsync(new BcqOptions(predictions, results, null), Ctx("gap_analysis vlm_bcq"), CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(root, "notes"));

        var high = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(root)));
        Assert.Equal($"--results {root} looks one level too high: it holds no results, its subfolder vlm_bcq does; give --results {results}", high.Message);

        string deep = Path.Combine(results, "bcq_images");
        Directory.CreateDirectory(deep);
        var low = await Assert.ThrowsAsync<UserInputException>(() => Slices(new SlicesOptions(deep)));
        Assert.Equal($"--results {deep} looks one level too deep: its parent folder holds the results; give --results {results}", low.Message);
        Assert.False(Directory.Exists(Path.Combine(root, SlicesJob.DirName)));
        Assert.False(Directory.Exists(Path.Combine(deep, SlicesJob.DirName)));
    }

    private string FreeTextSamples()
    {
        string run = Dir.Combine("free");
        Directory.CreateDirectory(run);
        string[] questions = [.. Enumerable.Range(0, 8).Select(q => $"Question number {q}: what happens to the red box after the person lifts it?")];
        var samples = Enumerable.Range(0, 400).Select(i =>
        {
            string model = i % 2 == 0 ? "a" : "b";
            bool fail = i % 8 == 3 ? i % 5 != 0 : i % 10 == 0;
            return new SampleResult($"item{i}", fail ? SampleOutcome.Wrong : SampleOutcome.Correct, "raw", null, null, null, null)
            {
                Metadata = ImmutableSortedDictionary.CreateRange<string, string>(StringComparer.Ordinal,
                    [new("model", model), new("question", questions[i % 8]), new("clip", $"videos/clip_{i % 50}.mp4")]),
            };
        });
        File.WriteAllBytes(Path.Combine(run, SampleResultsFile.DefaultName), SampleResultsFile.ToBytes(samples));
        return run;
    }

    [Fact]
    public async Task FreeTextMetadataIsNotAFeatureAndTheReportSaysWhy()
    {
        string run = FreeTextSamples();

        await Slices(new SlicesOptions(run, MinSupport: 20));

        string dir = Path.Combine(run, SlicesJob.DirName);
        var features = Document(dir).GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Equal(["model"], features);
        string md = File.ReadAllText(Path.Combine(dir, SlicesJob.MarkdownName));
        Assert.Contains("free text: 8 of 8 distinct values are sentences (30+ characters with spaces), e.g. 'Question number 0: what happens to th...'", md, StringComparison.Ordinal);
        Assert.Contains("free text: 50 of 50 distinct values are file paths, e.g. 'videos/clip_0.mp4'", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FreeTextNamedInFeaturesIsUsed()
    {
        string run = FreeTextSamples();

        var outcome = await Slices(new SlicesOptions(run, MinSupport: 20, Features: ["question", "model"]));

        Assert.StartsWith("Worst for sure: question = Question number 3: what happens", outcome.Headline, StringComparison.Ordinal);
    }
}
