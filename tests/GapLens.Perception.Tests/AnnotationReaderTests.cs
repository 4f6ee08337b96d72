using GapLens.Core;
using GapLens.Perception.Annotations;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

public sealed class AnnotationReaderTests
{
    private const string Q = """{"id": 0, "question": "What?", "options": ["a", "b", "c"], "answer_id": 1, "area": "Physics", "reasoning": "descriptive", "tag": ["motion"]}""";

    private static string Video(string questions = Q, string extra = "") =>
        $$"""{"metadata": {"split": "valid", "video_id": "v", "frame_rate": 30.0, "num_frames": 300, "resolution": [720, 1280]}, "point_tracking": [{"points": [[0.1, 0.2]]}], {{extra}} "mc_question": [{{questions}}]}""";

    private static UserInputException Fails(string json, AnnotationReadOptions? options = null)
    {
        using var dir = new TempDir();
        return Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.File("ann.json", json), options));
    }

    [Fact]
    public void ABigFileReportsProgressInBytesUpToItsLength()
    {
        using var dir = new TempDir();
        // About 17 MB: action segments make the bytes, as in the real all-tasks validation file.
        string points = string.Join(", ", Enumerable.Repeat("[0.123456, 0.654321]", 2500));
        string video = Video(extra: $$"""
            "object_tracking": [{"id": 1, "label": "cup", "bounding_boxes": [[0.1, 0.1, 0.2, 0.2]], "frame_ids": [0]}], "action_localisation": [{"points": [{{points}}]}],
            """);
        string path = dir.File("ann.json", "{" + string.Join(", ", Enumerable.Range(0, 300).Select(i => $"\"video_{i}\": {video}")) + "}");
        long length = new FileInfo(path).Length;
        Assert.True(length > 3 * AnnotationReader.ProgressStep);
        var seen = new List<(long Done, long Total)>();
        var a = AnnotationReader.Read(path, AnnotationReadOptions.QuestionsOnly, (done, total) => seen.Add((done, total)), CancellationToken.None);
        Assert.Equal(300, a.QuestionCount);
        Assert.True(seen.Count >= 3, $"{seen.Count} reports");
        Assert.All(seen, s => Assert.Equal(length, s.Total));
        Assert.Equal(seen.Select(s => s.Done).Order(), seen.Select(s => s.Done)); // never backwards
        Assert.True(seen[0].Done < length / 2);
        Assert.Equal(length, seen[^1].Done); // ends at 100%
    }

    [Fact]
    public void ReadsTheFixtureWithQuestionsTracksAndMetadata()
    {
        var a = Fixture.Annotations;
        Assert.Equal(14, a.Videos.Length);
        Assert.Equal(39, a.QuestionCount);
        var v = a.Videos[0];
        Assert.Equal("video_10000", v.VideoId);
        Assert.Equal(30.0, v.Metadata.FrameRate);
        Assert.Equal(720, v.Metadata.Height);
        Assert.Equal(1280, v.Metadata.Width);
        Assert.Equal(3, v.Questions.Length);
        Assert.Equal([0, 1, 2], v.Questions.Select(q => q.Index));
        Assert.All(v.Questions, q => Assert.Equal(3, q.Options.Length));
        Assert.NotEmpty(v.Objects);
        Assert.All(v.Objects, o => Assert.Equal(o.FrameIds.Length, o.Boxes.Length));
        Assert.Empty(a.Find("video_10003")!.Questions); // a video without questions
        Assert.Null(a.Find("video_0"));
    }

    [Fact]
    public void SkipsObjectTracksUnlessAskedAndOnlyForTheVideosAsked()
    {
        var plain = AnnotationReader.Read(Fixture.PathOf("annotations.json"));
        Assert.All(plain.Videos, v => Assert.Empty(v.Objects));
        var some = AnnotationReader.Read(Fixture.PathOf("annotations.json"), new AnnotationReadOptions(true, new HashSet<string> { "video_10001" }));
        Assert.NotEmpty(some.Find("video_10001")!.Objects);
        Assert.Empty(some.Find("video_10000")!.Objects);
    }

    [Fact]
    public void AnEmptyObjectHasNoVideosAndNoQuestions()
    {
        using var dir = new TempDir();
        var a = AnnotationReader.Read(dir.File("ann.json", " {\n} \n"));
        Assert.Empty(a.Videos);
        Assert.Equal(0, a.QuestionCount);
    }

    [Theory]
    [InlineData("[1, 2]", "is not a JSON object keyed by video id", "an array")]
    [InlineData("\"video\"", "is not a JSON object keyed by video id", "a string")]
    [InlineData("  42", "is not a JSON object keyed by video id", "a number")]
    [InlineData("<html>", "is not a JSON object keyed by video id", "not JSON")]
    [InlineData("", "is empty", "ann.json")]
    [InlineData("{\"v\": [1]}", "video v is an array", "expected an object")]
    [InlineData("{\"v\": {\"mc_question\": [", "ends inside a value", "truncated")]
    [InlineData("{\"v\": {\"mc_question\": []}", "ends inside a value", "truncated")]
    [InlineData("{\"v\": {\"mc_question\": []}} x", "content after the closing brace", "ann.json")]
    [InlineData("{\"v\": {\"mc_question\": []},}", "not valid JSON", "line 1")]
    [InlineData("{\"v\": {}, \"v\": {}}", "appears twice", "\"v\"")]
    public void AFileThatIsNotAnObjectKeyedByVideoIdIsAUserError(string json, string says, string alsoSays)
    {
        var ex = Fails(json);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Contains(alsoSays, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ann.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"options\": [\"a\", \"b\"]", "has 2 options; a question needs exactly 3")]
    [InlineData("\"options\": [\"a\", \"b\", \"c\", \"d\"]", "has 4 options")]
    [InlineData("\"options\": [\"a\", \"b\", 3]", "'options item' must be a string, got a number")]
    [InlineData("\"answer_id\": 3", "'answer_id' must be 0, 1 or 2, got 3")]
    [InlineData("\"answer_id\": 1.5", "'answer_id' must be an integer, got 1.5")]
    [InlineData("\"tag\": \"motion\"", "'tag' must be a list of strings, got a string")]
    public void AQuestionWithoutThreeOptionsOrABadFieldNamesTheVideoAndQuestion(string replacement, string says)
    {
        string key = replacement[..(replacement.IndexOf(':', StringComparison.Ordinal) + 1)];
        string second = System.Text.RegularExpressions.Regex.Replace(Q, "\"" + key.Trim('"', ':') + "\": (\\[[^\\]]*\\]|[^,}]+)", replacement.Replace("$", "$$", StringComparison.Ordinal));
        var ex = Fails($$"""{"video_7": {{Video(Q + ", " + second)}}}""");
        Assert.Contains("video video_7, mc_question 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOptionsQuestionReasoningOrTagsAreNamed()
    {
        Assert.Contains("missing 'options'", Fails("""{"v": {"mc_question": [{"question": "q", "reasoning": "descriptive", "tag": []}]}}""").Message, StringComparison.Ordinal);
        Assert.Contains("missing 'question'", Fails("""{"v": {"mc_question": [{"options": ["a","b","c"]}]}}""").Message, StringComparison.Ordinal);
        Assert.Contains("missing 'reasoning'", Fails("""{"v": {"mc_question": [{"question": "q", "options": ["a","b","c"], "tag": []}]}}""").Message, StringComparison.Ordinal);
        Assert.Contains("missing 'tag'", Fails("""{"v": {"mc_question": [{"question": "q", "options": ["a","b","c"], "reasoning": "descriptive"}]}}""").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATestSplitWithoutAnswerIdsReadsButCannotBeScored()
    {
        using var dir = new TempDir();
        var a = AnnotationReader.Read(dir.File("ann.json", """{"v": {"mc_question": [{"question": "q", "options": ["a","b","c"], "reasoning": "descriptive", "tag": ["motion"]}]}}"""));
        Assert.Null(a.Videos[0].Questions[0].AnswerId);
        var ex = Assert.Throws<UserInputException>(() => Scoring.McScorer.Score(a, new Answers.AnswerSet("x.json", [])));
        Assert.Contains("has no 'answer_id'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[0.1, 0.2, 0.3]]", "[0]", "box 0 has 3 numbers")]
    [InlineData("[[0.1, 0.2, 300, 400]]", "[0]", "boxes must be normalised to [0, 1]")]
    [InlineData("[[0.1, 0.2, 0.3, 0.4]]", "[0, 30]", "has 1 bounding_boxes but 2 frame_ids")]
    [InlineData("[[0.1, 0.2, \"x\", 0.4]]", "[0]", "must be a number, got a string")]
    public void BadBoxesNameTheVideoAndObject(string boxes, string frames, string says)
    {
        string track = $$"""{"id": 5, "label": "cup", "bounding_boxes": {{boxes}}, "frame_ids": {{frames}}}""";
        string json = "{\"video_3\": {\"object_tracking\": [{\"id\": 4, \"label\": \"ok\", \"bounding_boxes\": [], \"frame_ids\": []}, " + track + "], \"mc_question\": []}}";
        var ex = Fails(json, AnnotationReadOptions.WithObjectTracks);
        Assert.Contains("video video_3, object_tracking 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BoxesSlightlyOutsideTheFrameAreClippedAndBadBoxesAreIgnoredWhenTracksAreNotRead()
    {
        using var dir = new TempDir();
        string path = dir.File("ann.json", """{"v": {"object_tracking": [{"id": 1, "label": "cup", "bounding_boxes": [[-0.01, 0.5, 1.02, 0.6]], "frame_ids": [30]}], "mc_question": []}}""");
        var box = AnnotationReader.Read(path, AnnotationReadOptions.WithObjectTracks).Videos[0].Objects[0].Boxes[0];
        Assert.Equal(new NormalizedBox(0, 0.5, 1, 0.6), box);
        string bad = dir.File("bad.json", """{"v": {"object_tracking": [{"bounding_boxes": [[5, 5, 9, 9]], "frame_ids": []}], "mc_question": []}}""");
        Assert.Empty(AnnotationReader.Read(bad).Videos[0].Objects);
    }

    [Fact]
    public void StreamsAFileLargerThanTheReadBufferWithValuesLargerThanIt()
    {
        using var dir = new TempDir();
        var sb = new System.Text.StringBuilder("{");
        // One video whose point track alone is ~3 MB (larger than the 1 MiB buffer), then many small ones.
        sb.Append("\"big\": {\"point_tracking\": [{\"points\": [");
        for (int i = 0; i < 200_000; i++) sb.Append(i == 0 ? "" : ",").Append("[0.123, 0.456]");
        sb.Append("]}], \"mc_question\": [" + Q + "]}");
        for (int v = 0; v < 3000; v++) sb.Append($",\n \"video_{v}\": ").Append(Video());
        sb.Append('}');
        var a = AnnotationReader.Read(dir.File("big.json", sb.ToString()));
        Assert.Equal(3001, a.Videos.Length);
        Assert.Equal(3001, a.QuestionCount);
        Assert.Equal("video_2999", a.Videos[^1].VideoId);
    }

    [Fact]
    public void SyntaxInsidePartsThatAreNotReadIsNotCheckedButInsidePartsThatAreReadItIs()
    {
        using var dir = new TempDir();
        // Point tracks are stepped over by bracket matching: a doubled comma inside them goes unnoticed.
        var a = AnnotationReader.Read(dir.File("skip.json", "{\"v\": {\"point_tracking\": [1,, 2], \"mc_question\": [" + Q + "]}}"));
        Assert.Single(a.Videos[0].Questions);
        var ex = Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.File("bad.json", "{\"v\": {\"mc_question\": [{\"question\": \"q\",, \"x\": 1}]}}")));
        Assert.Contains("video v: not valid JSON", ex.Message, StringComparison.Ordinal);
        var brackets = Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.File("br.json", "{\"v\": {\"point_tracking\": [1, 2}, \"mc_question\": []}}")));
        Assert.Contains("not valid JSON near line 1", brackets.Message, StringComparison.Ordinal);
        Assert.Contains("'}' does not close the open '['", brackets.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstProblemInFileOrderIsReportedWhetherFoundByReadingOrByParsing()
    {
        using var dir = new TempDir();
        var sb = new System.Text.StringBuilder("{");
        for (int v = 0; v < 2000; v++) sb.Append($"\"video_{v}\": ").Append(v == 3 ? "{\"mc_question\": [{\"question\": \"q\", \"options\": [\"a\"]}]}" : Video()).Append(",\n");
        sb.Append("\"broken\": [1, 2}}");
        var ex = Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.File("order.json", sb.ToString())));
        Assert.Contains("video video_3, mc_question 0", ex.Message, StringComparison.Ordinal); // the parse error comes first in the file
        string late = dir.File("late.json", "{\"video_0\": " + Video() + ", \"video_1\": {\"mc_question\": [{\"question\": \"q\", \"options\": [\"a\"]}]}, \"x\": [1, 2}}");
        Assert.Contains("video video_1, mc_question 0", Assert.Throws<UserInputException>(() => AnnotationReader.Read(late)).Message, StringComparison.Ordinal);
        string early = dir.File("early.json", "{\"video_0\": [1, 2}, \"video_1\": {\"mc_question\": [{\"question\": \"q\", \"options\": [\"a\"]}]}}");
        Assert.Contains("does not close", Assert.Throws<UserInputException>(() => AnnotationReader.Read(early)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadingStopsWhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => AnnotationReader.Read(Fixture.PathOf("annotations.json"), null, cts.Token));
    }

    [Fact]
    public void AMissingFileOrAFolderIsAUserError()
    {
        using var dir = new TempDir();
        Assert.Contains("not found", Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.Combine("none.json"))).Message, StringComparison.Ordinal);
        Assert.Contains("is a directory", Assert.Throws<UserInputException>(() => AnnotationReader.Read(dir.Path)).Message, StringComparison.Ordinal);
    }
}
