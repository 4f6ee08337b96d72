using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GapLens.IO.Logging;
using GapLens.Jobs.Perception;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Slices;
using GapLens.Jobs.Tests.Browser;
using GapLens.Jobs.VideoQa;
using GapLens.Judging.Folders;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Slices;

/// <summary>The "Where it fails" section of the judge, video-QA and Perception Test reports: a planted bad
/// slice is rank 1 with its numbers, too few samples give one line instead of a failure (the job's outcome
/// unchanged), and the section, slices.csv and `gaplens slices` on the same samples.jsonl agree.</summary>
public sealed class WhereItFailsTests : TempDirTest
{
    private JobContext Ctx() => JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path);

    private static JsonElement Section(string reportJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(reportJson));
        return doc.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == SliceBlocks.SectionId).Clone();
    }

    private static IEnumerable<JsonElement> Blocks(JsonElement section, string type) =>
        section.GetProperty("blocks").EnumerateArray().Where(b => b.GetProperty("type").GetString() == type);

    private static List<JsonElement> Rows(JsonElement section) =>
        [.. Blocks(section, "table").Single().GetProperty("table").GetProperty("rows").EnumerateArray()];

    /// <summary>The one line of a section that tested nothing.</summary>
    private static string Callout(JsonElement section) => Blocks(section, "callout").Single().GetProperty("text").GetString()!;

    private static ScoreRecord Score(string model, string taskType, string taskId, bool fail) =>
        new("vision-eval", "e", model, taskType, taskId, ScoreStatus.Completed, fail ? 1 : 5, null, null, null, DateTimeOffset.UnixEpoch);

    private static readonly string[] TaskTypes = ["maze_task", "chess_task", "sudoku_task", "rotation_task"];

    /// <summary>Models x task types x <paramref name="perCell"/> items (task ids as <see cref="VmExperiment"/> names them);
    /// model m3 on chess fails 4 in 5, everything else 1 in 5.</summary>
    private string JudgeFolder(int perCell = 25, string[]? models = null, string[]? taskTypes = null)
    {
        foreach (string m in models ?? ["m1", "m2", "m3"])
        {
            foreach (string t in taskTypes ?? TaskTypes)
            {
                for (int k = 0; k < perCell; k++)
                {
                    bool fail = m == "m3" && t == "chess_task" ? k % 5 != 0 : k % 5 == 0;
                    var r = Score(m, t, string.Create(CultureInfo.InvariantCulture, $"{t.Replace("_task", "", StringComparison.Ordinal)}_{k:0000}"), fail);
                    ScoreFiles.Write(Dir.Combine("evals", "vision-eval", r.Experiment, r.Model, r.TaskType, r.TaskId, "vision-eval.json"), r);
                }
            }
        }
        return Dir.Combine("evals", "vision-eval");
    }

    private static void AssertPlantedRankOne(JsonElement section, string label, int size, int failures)
    {
        var rows = Rows(section);
        Assert.Equal(label, rows[0][1].GetProperty("text").GetString());
        Assert.Equal(size, rows[0][2].GetProperty("value").GetDouble());
        Assert.Equal((double)failures / size, rows[0][3].GetProperty("value").GetDouble(), 12);
        var wilson = GapLens.Core.Statistics.ProportionIntervals.Wilson(failures, size)!;
        Assert.Equal(wilson.Lower, rows[0][3].GetProperty("interval").GetProperty("lower").GetDouble(), 12);
        Assert.Equal(wilson.Upper, rows[0][3].GetProperty("interval").GetProperty("upper").GetDouble(), 12);
        Assert.True(rows[0][5].GetProperty("value").GetDouble() <= 0.05, "q of the planted slice");
        Assert.Equal("wrong", rows[0][6].GetProperty("text").GetString());
        Assert.StartsWith("Worst for sure: " + label + ": ", Callout(section), StringComparison.Ordinal);
        Assert.Single(Blocks(section, "figure"));
        Assert.Contains("gaplens slices --results samples.jsonl", Blocks(section, "paragraph").Last().GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheJudgeReportShowsThePlantedSliceFirstAndAgreesWithGaplensSlices()
    {
        string evals = JudgeFolder();
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(evals, Dir.Combine("out")), Ctx(), CancellationToken.None);

            Assert.True(outcome.Passed);
            var section = Section(Dir.Combine("out", "report.json"));
            AssertPlantedRankOne(section, "domain = chess & model = m3", 25, 20);
            foreach (string f in new[] { "slices.json", "slices.csv", "where_it_fails.png", "where_it_fails.svg", "where_it_fails.csv" })
            {
                Assert.True(File.Exists(Dir.Combine("out", f)), f);
            }
            Assert.Empty(GapLens.IO.Files.OutputSet.Check(Dir.Combine("out")));

            // `gaplens slices` on the samples.jsonl the job wrote: the same slices, the same numbers, byte for byte.
            var again = await new SlicesJob().RunAsync(new SlicesOptions(Dir.Combine("out", "samples.jsonl"), Dir.Combine("slices")), Ctx(), CancellationToken.None);
            Assert.True(again.Passed);
            Assert.Equal(File.ReadAllText(Dir.Combine("slices", "slices.csv")), File.ReadAllText(Dir.Combine("out", "slices.csv")));
            using var full = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("slices", "report.json")));
            var worse = full.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "worse_for_sure")
                .GetProperty("blocks").EnumerateArray().First(b => b.GetProperty("type").GetString() == "table").GetProperty("table").GetProperty("rows");
            var rows = Rows(section);
            for (int i = 0; i < rows.Count; i++)
            {
                Assert.Equal(worse[i][1].GetRawText(), rows[i][1].GetRawText()); // slice
                Assert.Equal(worse[i][2].GetRawText(), rows[i][2].GetRawText()); // size
                Assert.Equal(worse[i][4].GetRawText(), rows[i][3].GetRawText()); // failure rate + interval
                Assert.Equal(worse[i][6].GetRawText(), rows[i][4].GetRawText()); // difference + interval
                Assert.Equal(worse[i][10].GetRawText(), rows[i][5].GetRawText()); // q
                Assert.Equal(worse[i][11].GetRawText(), rows[i][6].GetRawText()); // driver
            }
            Assert.Equal(full.RootElement.GetProperty("verdict").GetProperty("headline").GetString(), Callout(section));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task AJudgeRunOfThreeItemsSaysWhyInOneLineAndStillPasses()
    {
        string evals = JudgeFolder(perCell: 1, models: ["m1"], taskTypes: ["maze_task", "chess_task", "sudoku_task"]); // 3 items, each the first of its cell: all fail

        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(evals, Dir.Combine("out")), Ctx(), CancellationToken.None);

        Assert.True(outcome.Passed);
        Assert.Null(outcome.GateMessage);
        var section = Section(Dir.Combine("out", "report.json"));
        Assert.Single(section.GetProperty("blocks").EnumerateArray());
        Assert.Equal("No slice tested: every sample failed (3 samples), so no slice can fail more often than the rest.", Callout(section));
        Assert.False(File.Exists(Dir.Combine("out", "slices.json")));
        Assert.Empty(GapLens.IO.Files.OutputSet.Check(Dir.Combine("out")));
    }

    /// <summary>600 video-QA results from the fixture's first line: genre news with question type counting fails 4 in 5, the rest 1 in 5; frames on disk.</summary>
    private string VideoQaRun(int n = 600)
    {
        string template = File.ReadLines(TestData.PathOf("videoqa_metrics", "results.jsonl")).First();
        string[] genres = ["sports", "news", "docs", "cartoon"];
        string[] types = ["counting", "ocr", "reasoning"];
        var lines = new List<string>();
        for (int i = 0; i < n; i++)
        {
            string genre = genres[i % 4], type = types[i / 4 % 3], key = $"vid{i % 8}";
            bool planted = genre == "news" && type == "counting";
            bool fail = planted ? i % 5 != 0 : i % 5 == 0;
            var node = JsonNode.Parse(template)!.AsObject();
            node["item_id"] = $"q{i:0000}";
            node["key"] = key;
            node["outcome"] = fail ? "wrong" : "correct";
            node["extracted_answer"] = fail ? "A" : "B";
            node["frames_dir"] = Dir.Combine("frames", key);
            node["metadata"] = new JsonObject { ["genre"] = genre, ["question_type"] = type, ["model"] = "m" };
            lines.Add(node.ToJsonString());
        }
        for (int v = 0; v < 8; v++)
        {
            Directory.CreateDirectory(Dir.Combine("frames", $"vid{v}"));
            foreach (int f in new[] { 21, 46 }) File.WriteAllBytes(Dir.Combine("frames", $"vid{v}", $"frame_{f}.jpg"), VideoQaFixture.Png(64, 48, (byte)(30 * v), 90, 160));
        }
        Directory.CreateDirectory(Dir.Combine("run"));
        File.WriteAllLines(Dir.Combine("run", "results.jsonl"), lines);
        return Dir.Combine("run");
    }

    [Fact]
    public async Task TheVideoQaReportShowsThePlantedSliceFirstWithThumbnailsOfItsFailures()
    {
        string run = VideoQaRun();

        var outcome = await new VideoQaMetricsJob().RunAsync(new VideoQaMetricsOptions(run), Ctx(), CancellationToken.None);

        Assert.True(outcome.Passed);
        string report = Path.Combine(run, "report");
        var section = Section(Path.Combine(report, "report.json"));
        // news & counting: i % 4 == 1 and (i / 4) % 3 == 0: 50 of 600, of which i % 5 != 0 fail (40).
        AssertPlantedRankOne(section, "genre = news & question_type = counting", 50, 40);
        var gallery = Blocks(section, "gallery").First();
        Assert.StartsWith("#1 genre = news & question_type = counting: 40 of 50 fail (80.0%)", gallery.GetProperty("caption").GetString(), StringComparison.Ordinal);
        var images = gallery.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("images").EnumerateArray()).ToList();
        Assert.Equal(SliceBlocks.ThumbnailsPerSlice, images.Count);
        foreach (var img in images)
        {
            string rel = img.GetProperty("path").GetString()!;
            Assert.StartsWith("thumbs/", rel, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(report, rel)), rel);
        }
        Assert.Empty(GapLens.IO.Files.OutputSet.Check(report));
        // `gaplens slices` on the samples.jsonl written: the same slices.csv and slices.json.
        Assert.True((await new SlicesJob().RunAsync(new SlicesOptions(Path.Combine(report, "samples.jsonl"), Dir.Combine("slices")), Ctx(), CancellationToken.None)).Passed);
        Assert.Equal(File.ReadAllText(Dir.Combine("slices", "slices.csv")), File.ReadAllText(Path.Combine(report, "slices.csv")));
        Assert.Equal(File.ReadAllText(Dir.Combine("slices", "slices.json")).Replace(report, "", StringComparison.Ordinal),
            File.ReadAllText(Path.Combine(report, "slices.json")).Replace(report, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVideoQaRunOfThreeQuestionsSaysWhyInOneLineAndPasses()
    {
        string run = VideoQaRun(3);

        var outcome = await new VideoQaMetricsJob().RunAsync(new VideoQaMetricsOptions(run), Ctx(), CancellationToken.None);

        Assert.True(outcome.Passed);
        // Three questions: each genre is its own sample's (an id), one question type, one model.
        string line = Callout(Section(Path.Combine(run, "report", "report.json")));
        Assert.StartsWith("No slice tested: no metadata field can make slices (genre: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
        Assert.False(File.Exists(Path.Combine(run, "report", "slices.csv")));
    }

    /// <summary>Answers for the perception fixture: every counterfactual question wrong, three others wrong, the rest right (or all right).</summary>
    private string PerceptionAnswers(bool allRight = false)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Perception.PerceptionFixture.Annotations));
        var answers = new JsonObject();
        int others = 0;
        foreach (var video in doc.RootElement.EnumerateObject())
        {
            var list = new JsonArray();
            foreach (var q in video.Value.GetProperty("mc_question").EnumerateArray())
            {
                int truth = q.GetProperty("answer_id").GetInt32();
                bool wrong = !allRight && (q.GetProperty("reasoning").GetString() == "counterfactual" || (others < 3 && ++others > 0));
                int chosen = wrong ? (truth + 1) % 3 : truth;
                list.Add(new JsonObject { ["id"] = q.GetProperty("id").GetInt32(), ["answer_id"] = chosen, ["answer"] = q.GetProperty("options")[chosen].GetString() });
            }
            answers[video.Name] = list;
        }
        string path = Dir.Combine(allRight ? "right.json" : "answers.json");
        File.WriteAllText(path, answers.ToJsonString());
        return path;
    }

    [Fact]
    public async Task ThePerceptionScoreReportShowsThePlantedSliceFirst()
    {
        var outcome = await new PerceptionScoreJob().RunAsync(new PerceptionScoreOptions(Perception.PerceptionFixture.Annotations, PerceptionAnswers(), Dir.Combine("out")), Ctx(), CancellationToken.None);

        Assert.True(outcome.Passed);
        var section = Section(Dir.Combine("out", "report.json"));
        AssertPlantedRankOne(section, "reasoning = counterfactual", 9, 9);
        Assert.True((await new SlicesJob().RunAsync(new SlicesOptions(Dir.Combine("out", "samples.jsonl"), Dir.Combine("slices")), Ctx(), CancellationToken.None)).Passed);
        Assert.Equal(File.ReadAllText(Dir.Combine("slices", "slices.csv")), File.ReadAllText(Dir.Combine("out", "slices.csv")));
    }

    [Fact]
    public async Task APerceptionRunWithNoWrongAnswerSaysWhyInOneLineAndPasses()
    {
        string answers = PerceptionAnswers(allRight: true);

        var ok = await new PerceptionScoreJob().RunAsync(new PerceptionScoreOptions(Perception.PerceptionFixture.Annotations, answers, Dir.Combine("out")), Ctx(), CancellationToken.None);

        Assert.True(ok.Passed);
        Assert.Null(ok.GateMessage);
        Assert.Equal("No slice tested: no sample failed (39 samples), so no slice can fail more often than the rest.", Callout(Section(Dir.Combine("out", "report.json"))));
        Assert.False(File.Exists(Dir.Combine("out", "slices.json")));
    }

    private static async Task LookAsync(string html, string name, int minImages)
    {
        await ReportBrowser.OpenAsync(html, name, async page =>
        {
            var section = page.Locator("#" + SliceBlocks.SectionId);
            Assert.Equal(1, await section.CountAsync());
            Assert.True(await section.Locator("table tbody tr").CountAsync() >= 1);
            int images = await section.Locator("img").CountAsync();
            Assert.True(images >= minImages, $"{images} images in the section");
            string shots = Path.Combine(ReportBrowser.RepoRoot(), "TestResults", "screenshots");
            await section.ScreenshotAsync(new Microsoft.Playwright.LocatorScreenshotOptions { Path = Path.Combine(shots, name + "_section.png") });
        });
    }

    [Fact]
    public async Task TheJudgeReportsSectionOpensInChromiumWithTheGallerysThumbnails()
    {
        string[] models = ["m1", "m3"], types = ["maze_task", "chess_task"];
        string evals = JudgeFolder(25, models, types);
        string outputs = VmExperiment.Create(Dir.Path, "e", models, types, 25);
        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(evals, Dir.Combine("out"), Outputs: outputs), Ctx(), CancellationToken.None);
        Assert.True(outcome.Passed);
        await LookAsync(Dir.Combine("out", "report.html"), "where_it_fails_judge", SliceBlocks.ThumbnailsPerSlice);
    }

    [Fact]
    public async Task TheVideoQaReportsSectionOpensInChromium()
    {
        string run = VideoQaRun();
        Assert.True((await new VideoQaMetricsJob().RunAsync(new VideoQaMetricsOptions(run), Ctx(), CancellationToken.None)).Passed);
        await LookAsync(Path.Combine(run, "report", "report.html"), "where_it_fails_videoqa", SliceBlocks.ThumbnailsPerSlice);
    }

    [Fact]
    public async Task ThePerceptionReportsSectionOpensInChromium()
    {
        var outcome = await new PerceptionScoreJob().RunAsync(new PerceptionScoreOptions(Perception.PerceptionFixture.Annotations, PerceptionAnswers(), Dir.Combine("out")), Ctx(), CancellationToken.None);
        Assert.True(outcome.Passed);
        await LookAsync(Dir.Combine("out", "report.html"), "where_it_fails_perception", 0);
    }

    [Fact]
    public void ChartLabelsCarryTheRankAndAreCutToTheWidthOfTheirBars()
    {
        // A question text of 70 characters under one of five bar pairs ran into its neighbours' labels.
        static GapLens.Slices.Slice S(string label) => new([], label, 10, 5, 0.5, null, 90, 9, 0.1, null, 0.4, null, 1e-4, "fisher-exact", 1e-3, 0.04, null, [], "wrong", []);
        var slices = Enumerable.Range(0, 5).Select(i => S($"question = Task {i}: what happens to the bottle in this video (variant 0)?")).ToList();

        var chart = SliceBlocks.Chart("c", slices, "t");

        Assert.Equal(5, chart.Categories.Length);
        for (int i = 0; i < 5; i++)
        {
            Assert.StartsWith($"#{i + 1} question = ", chart.Categories[i], StringComparison.Ordinal);
            Assert.True(chart.Categories[i].Length <= 700 / 5 / 7, chart.Categories[i]);
            Assert.EndsWith("…", chart.Categories[i], StringComparison.Ordinal);
        }
        Assert.Equal("#1 a = b", SliceBlocks.Chart("c", [S("a = b")], "t").Categories[0]);
    }

    [Fact]
    public void ASectionWithNoSliceBeyondNoiseIsNotGreenAndSaysHowManySlicesWereTested()
    {
        // The demo's video QA run: 12 questions, half failing, one feature with two values failing alike:
        // one slice can be tested; "nothing found" there is not good news, and the reader must see how little was tested.
        var samples = Enumerable.Range(0, 12).Select(i =>
            new GapLens.Core.Results.SampleResult($"q{i}", i % 2 == 0 ? GapLens.Core.Results.SampleOutcome.Wrong : GapLens.Core.Results.SampleOutcome.Correct, null, null, null, null)
            {
                Metadata = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("retrieval", i < 6 ? "hit" : "miss"),
            });
        var s = EmbeddedSlices.Of(samples, "samples.jsonl", CancellationToken.None);
        Assert.NotNull(s.Analysis);
        Assert.Empty(s.Analysis.WorseForSure);

        var callout = SliceBlocks.Section(s, "samples.jsonl").Blocks.OfType<GapLens.Core.Reports.CalloutBlock>().Single();

        Assert.NotEqual(GapLens.Core.Reports.Tone.Good, callout.Tone);
        Assert.NotEqual(GapLens.Core.Reports.Tone.Good, SliceBlocks.Verdict(s.Analysis).Tone);
        Assert.Contains($"{s.Analysis.Tested} slice", callout.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("1 slices", callout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ASampleWithAnUnknownOutcomeWordIsNotTestedWithOneLineInsteadOfFailingTheJob()
    {
        // Every SampleOutcome is a known word today; a sink error (here: a list as outcome) stands for any surprise in the search.
        var samples = new[] { new GapLens.Core.Results.SampleResult("a", GapLens.Core.Results.SampleOutcome.Wrong, null, null, null, null) };
        var s = EmbeddedSlices.Of(samples.Concat(Throwing()), "samples.jsonl", CancellationToken.None);

        Assert.Null(s.Analysis);
        Assert.Equal("the search could not run: boom", s.NotTested);
        Assert.Equal("No slice tested: the search could not run: boom", Callout(System.Text.Json.JsonSerializer.SerializeToElement(new { blocks = SliceBlocks.Section(s, "samples.jsonl").Blocks.Select(b => new { type = "callout", text = ((GapLens.Core.Reports.CalloutBlock)b).Text }) })));

        static IEnumerable<GapLens.Core.Results.SampleResult> Throwing()
        {
            yield return new GapLens.Core.Results.SampleResult("b", GapLens.Core.Results.SampleOutcome.Correct, null, null, null, null);
            throw new InvalidOperationException("boom");
        }
    }
}
