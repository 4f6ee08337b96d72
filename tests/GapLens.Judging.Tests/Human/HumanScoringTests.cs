using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Testing;

namespace GapLens.Judging.Tests.Human;

/// <summary>The scoring service on a generated outputs folder (no videos needed): import of existing
/// human-eval.json files once, files rewritten from the log after a crash, submissions in order.</summary>
public sealed class HumanScoringTests : TempDirTest
{
    private readonly StringWriter _log = new();

    private string Outputs() => VmExperiment.Create(Dir.Path, "exp", ["m1", "m2"], ["maze_task"], 2, videos: false);

    [Fact]
    public async Task TaskFoldersWithoutARunAreLeftOutOfTheQueueAndTheCounts()
    {
        string outputs = Outputs();
        Directory.CreateDirectory(Path.Combine(outputs, "exp", "m1", "maze_task", "maze_0009"));
        await using var s = Open(outputs);
        Assert.Equal(5, s.Items.Length);
        var empty = s.Items.Single(i => i.Key.TaskId == "maze_0009");
        Assert.Null(s.Details(empty));
        Assert.Equal(4, s.Progress().Overall.Items);
        var handed = new List<string>();
        for (int k = 0; k < 5; k++)
        {
            if ((await s.NextAsync("Ana", $"tab{k}", null, CancellationToken.None)).Item is { } item) handed.Add(item.Key.TaskId);
        }
        Assert.Equal(4, handed.Count);
        Assert.DoesNotContain("maze_0009", handed);
    }

    [Fact]
    public async Task ItemIdsCannotBeFoundByHashingTheKeyWithEachModelName()
    {
        // The blind page shows experiment, task type and task id: an unkeyed hash of the key would let an
        // annotator try each model name and find the model. Ids are keyed with the store's secret.
        string outputs = Outputs();
        string[] first;
        await using (var s = Open(outputs))
        {
            first = [.. s.Items.Select(i => i.Id)];
            foreach (var item in s.Items)
            {
                Assert.Matches("^[0-9a-f]{12}$", item.Id);
                byte[] plain = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{item.Key.Experiment}\0{item.Key.Model}\0{item.Key.TaskType}\0{item.Key.TaskId}"));
                Assert.NotEqual(Convert.ToHexStringLower(plain[..6]), item.Id);
                Assert.Equal(item.Id, item.Key.Id(s.Secret));
            }
        }
        // The same store gives the same ids (links and queues survive a restart); another store, others.
        await using (var again = Open(outputs)) Assert.Equal(first, again.Items.Select(i => i.Id));
        Directory.Delete(Dir.Combine("evaluations"), recursive: true);
        await using (var other = Open(outputs)) Assert.Empty(first.Intersect(other.Items.Select(i => i.Id)));
    }

    private HumanScoring Open(string outputs, int overlap = 1) =>
        HumanScoring.Open(new HumanScoringOptions(outputs, Dir.Combine("evaluations"), overlap), new RunLog(_log, LogLevel.Info), TimeProvider.System, CancellationToken.None);

    private string GradioFile(string model, string taskId, string annotator, int score, string timestamp = "2025-10-14T12:00:00.123456") =>
        Dir.File(Path.Combine("evaluations", "human-eval", "exp", model, "maze_task", taskId, "human-eval.json"),
            $$"""
            {
              "metadata": {"evaluator": "human-eval", "annotator": "{{annotator}}", "timestamp": "{{timestamp}}", "model_name": "{{model}}", "task_type": "maze_task", "task_id": "{{taskId}}"},
              "result": {"solution_correctness_score": {{score}}, "comments": "from gradio"}
            }
            """);

    [Fact]
    public async Task VmEvalKitFilesAreImportedOnceAsSubmissionsOfTheirAnnotator()
    {
        string outputs = Outputs();
        GradioFile("m1", "maze_0000", "Ana", 4);
        GradioFile("m2", "maze_0001", "Ben", 2);
        await using (var s = Open(outputs))
        {
            await s.FilesWrittenAsync();
            Assert.Equal((2, 2), (s.Imported.Files, s.Imported.Submissions));
            var item = s.Items.Single(i => i.Key == new ItemKey("exp", "m1", "maze_task", "maze_0000"));
            var sub = Assert.Single(s.LogOf(item));
            Assert.Equal(("Ana", 4, "from gradio", SubmissionSource.Import, "import"), (sub.Annotator, sub.Score, sub.Comments, sub.Source, sub.Session));
            Assert.Equal(DateTimeOffset.Parse("2025-10-14T12:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture), sub.SubmittedUtc);
            // Ana is not handed the item she already scored.
            Assert.NotEqual(item, (await s.NextAsync("Ana", "tab", null, CancellationToken.None)).Item);
        }
        await using (var s = Open(outputs))
        {
            await s.FilesWrittenAsync();
            Assert.Equal(0, s.Imported.Submissions);
            Assert.Equal(2, s.Progress().Submissions);
        }
        // VMEvalKit's scorer overwrote one file with another annotator's score: that answer is new.
        GradioFile("m1", "maze_0000", "Cy", 1, "2025-10-15T09:00:00");
        await using (var s = Open(outputs))
        {
            await s.FilesWrittenAsync();
            Assert.Equal(1, s.Imported.Submissions);
            var item = s.Items.Single(i => i.Key.Model == "m1" && i.Key.TaskId == "maze_0000");
            Assert.Equal(["Ana", "Cy"], s.LatestOf(item).Select(x => x.Annotator));
            // The file now holds both answers (its score the lower median).
            var file = ScoreFiles.Read(HumanConsensus.FilePath(Dir.Combine("evaluations"), item.Key));
            Assert.Equal((1, 2), (file.Score, file.Annotations!.Count));
        }
        Assert.Contains("Imported 1 answer(s)", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilesTheServiceWroteAreNotImportedAgainAndUnreadableOnesAreReported()
    {
        string outputs = Outputs();
        Dir.File(Path.Combine("evaluations", "human-eval", "exp", "m2", "maze_task", "maze_0000", "human-eval.json"), "{ not json");
        await using (var s = Open(outputs, overlap: 2))
        {
            await s.FilesWrittenAsync();
            Assert.Single(s.Imported.Bad);
            var item = (await s.NextAsync("Ana", "tab", null, CancellationToken.None)).Item!;
            await s.SubmitAsync(new SubmissionInput(item.Id, "Ana", null, true, "cannot tell", 100, true, "tab", SubmissionSource.Annotate, "r-000000001"), CancellationToken.None);
            await s.SubmitAsync(new SubmissionInput(item.Id, "Ben", 3, false, "", 100, false, "tab2", SubmissionSource.Annotate, "r-000000002"), CancellationToken.None);
            Assert.Equal(2, s.SessionSubmissions);
        }
        await using (var s = Open(outputs, overlap: 2))
        {
            await s.FilesWrittenAsync();
            Assert.Equal(0, s.Imported.Submissions);
            Assert.Equal(2, s.Progress().Submissions);
        }
        Assert.Contains("Unreadable human-eval.json, not imported", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileAKilledServerDidNotRewriteIsRewrittenFromTheLogAtTheNextStart()
    {
        string outputs = Outputs();
        var key = new ItemKey("exp", "m2", "maze_task", "maze_0001");
        string store = new HumanScoringOptions(outputs, Dir.Combine("evaluations")).StorePath;
        await using (Open(outputs))
        {
        }
        // The log has a submission the files do not show (the server died between the commit and the file),
        // and a temporary of the interrupted write is left beside it.
        using (var s = HumanScoreStore.Open(store))
        {
            s.Append([new HumanSubmission(0, key, "Ana", 5, "late", DateTimeOffset.UtcNow, null, true, "s", SubmissionSource.Annotate)], []);
        }
        string file = HumanConsensus.FilePath(Dir.Combine("evaluations"), key);
        string temp = GapLens.IO.Files.AtomicFile.TempPathFor(file).Replace($".{Environment.ProcessId}.", ".999999.", StringComparison.Ordinal);
        Dir.File(Path.GetRelativePath(Dir.Path, temp), "{\"half");
        await using (Open(outputs))
        {
        }
        var back = ScoreFiles.Read(file);
        Assert.Equal((5, "Ana", "late"), (back.Score, back.Annotator, back.Explanation));
        Assert.False(File.Exists(temp));
        Assert.Contains("Rewriting 1 human-eval.json file(s) from the log", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownItemsAndBadValuesAreRefusedAndNothingIsAppended()
    {
        await using var s = Open(Outputs());
        Assert.Null(await s.SubmitAsync(new SubmissionInput("0123456789ab", "Ana", 3, false, "", null, null, "t", SubmissionSource.Annotate, null), CancellationToken.None));
        Assert.Null(s.Find("../../etc/passwd"));
        Assert.Null(s.Find(null));
        var id = s.Items[0].Id;
        await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => s.SubmitAsync(new SubmissionInput(id, "Ana", 3, false, "", -1, null, "t", SubmissionSource.Annotate, null), CancellationToken.None));
        await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => s.SubmitAsync(new SubmissionInput(id, "Ana", 3, false, "", null, null, "t", SubmissionSource.Annotate, "short"), CancellationToken.None));
        Assert.Equal(0, s.Progress().Submissions);
    }

    [Fact]
    public async Task AnEmptyOutputsFolderIsAUserError()
    {
        Directory.CreateDirectory(Dir.Combine("outputs"));
        var ex = Assert.Throws<GapLens.Core.UserInputException>(() => Open(Dir.Combine("outputs")));
        Assert.StartsWith("no items to score under", ex.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public void AnOutputsFolderGivenOneLevelOffIsRefusedBeforeTheStoreIsCreatedEvenWhenOnlyASampleIsRead()
    {
        // 3 models x 2 types x 30 tasks: more task folders than the level check reads.
        string outputs = VmExperiment.Create(Dir.Path, "exp", ["m1", "m2", "m3"], ["maze_task", "chess_task"], 30, videos: false);
        var deep = Assert.Throws<GapLens.Core.UserInputException>(() => Open(Path.Combine(outputs, "exp")));
        Assert.StartsWith($"--outputs {Path.Combine(outputs, "exp")} looks one level too deep", deep.Message, StringComparison.Ordinal);
        var high = Assert.Throws<GapLens.Core.UserInputException>(() => Open(Dir.Path));
        Assert.Equal($"--outputs {Dir.Path} looks one level too high: its subfolder outputs holds the experiments; give the outputs folder itself: --outputs {outputs}", high.Message);
        Assert.False(Directory.Exists(Dir.Combine("evaluations")));
    }
    [Fact]
    public void AModelTaskTypeOrTaskFolderGivenAsOutputsIsRefusedNamingTheOutputsFolder()
    {
        string outputs = VmExperiment.Create(Dir.Path, "exp", ["m1"], ["maze_task"], 3, videos: false);
        string model = Path.Combine(outputs, "exp", "m1");
        var m = Assert.Throws<GapLens.Core.UserInputException>(() => Open(model));
        Assert.Equal($"--outputs {model} looks 2 levels too deep: the task folder (maze_task/maze_0000) should be 4 levels below it (<experiment>/<model>/<task_type>/<task_id>/); give the folder that holds the experiments: --outputs {outputs}", m.Message);
        var t = Assert.Throws<GapLens.Core.UserInputException>(() => Open(Path.Combine(model, "maze_task")));
        Assert.StartsWith($"--outputs {Path.Combine(model, "maze_task")} looks 3 levels too deep", t.Message, StringComparison.Ordinal);
        Assert.EndsWith($"--outputs {outputs}", t.Message, StringComparison.Ordinal);
        var task = Assert.Throws<GapLens.Core.UserInputException>(() => Open(Path.Combine(model, "maze_task", "maze_0001")));
        Assert.StartsWith($"--outputs {Path.Combine(model, "maze_task", "maze_0001")} looks 4 levels too deep: the task folder (itself)", task.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir.Combine("evaluations")));
    }

    [Fact]
    public void TaskFoldersWithoutAnyRunAreAUserErrorNotAnEmptyServer()
    {
        string outputs = Dir.Combine("outputs");
        foreach (string t in new[] { "t_0000", "t_0001" }) Directory.CreateDirectory(Path.Combine(outputs, "exp", "m", "x_task", t, "notes"));
        var ex = Assert.Throws<GapLens.Core.UserInputException>(() => Open(outputs));
        Assert.Equal($"no item to score under {outputs}: none of its 2 task folders (<experiment>/<model>/<task_type>/<task_id>/) holds a run (video/ or question/, directly or in a run folder)", ex.Message);
    }
}
