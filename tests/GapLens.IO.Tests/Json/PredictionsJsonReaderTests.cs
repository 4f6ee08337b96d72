using System.Text;
using GapLens.Core;
using GapLens.Core.Json;
using GapLens.IO.Json;
using GapLens.Testing;

namespace GapLens.IO.Tests.Json;

public sealed class PredictionsJsonReaderTests : TempDirTest
{
    private List<GapLens.Core.Mining.Bcq.Prediction> ReadAll(string content)
    {
        using var r = new PredictionsJsonReader(Dir.File("p.json", content));
        return [.. r.ReadAll()];
    }

    private string Error(string content)
    {
        string path = Dir.File("bad.json", content);
        var ex = Assert.Throws<UserInputException>(() =>
        {
            using var r = new PredictionsJsonReader(path);
            foreach (var _ in r.ReadAll())
            {
            }
        });
        Assert.DoesNotContain('\n', ex.Message);
        return ex.Message;
    }

    [Fact]
    public void ReadsFieldsQuestionDefaultAndIgnoresOtherKeys()
    {
        var items = ReadAll("""
            [{"video_id": "a.mp4", "response": "Yes", "gt": "no", "question": {"id": 1.50}, "extra": [1, {"x": 2}]},
             {"extra": null, "gt": "yes", "video_id": "b.mp4", "response": 7}]
            """);
        Assert.Equal(2, items.Count);
        Assert.Equal("a.mp4", items[0].VideoId);
        Assert.Equal(new PyJsonString("Yes"), items[0].Response);
        Assert.Equal("{\"id\": 1.5}", PyJsonFormatter.Format(items[0].Question));
        Assert.Equal(new PyJsonString(""), items[1].Question);
        Assert.Equal(new PyJsonNumber("7"), items[1].Response);
        Assert.Equal(1, items[1].Index);
    }

    [Fact]
    public void LaterDuplicateKeysWinAsInAPythonDict()
    {
        var items = ReadAll("""[{"video_id": "a", "response": "no", "gt": "no", "response": "yes"}]""");
        Assert.Equal(new PyJsonString("yes"), items[0].Response);
    }

    [Fact]
    public void StreamsAcrossBufferRefillsAndItemsLargerThanTheBuffer()
    {
        var sb = new StringBuilder("[");
        int n = 30_000;
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(",\n");
            string response = i == 12_345 ? new string('y', 3_000_000) + " yes" : $"answer {i} é \\n yes";
            sb.Append($$"""{"video_id": "v{{i}}.mp4", "response": "{{response}}", "gt": "no"}""");
        }
        sb.Append(']');
        var items = ReadAll(sb.ToString());
        Assert.Equal(n, items.Count);
        Assert.Equal("v29999.mp4", items[^1].VideoId);
        Assert.Equal(3_000_004, ((PyJsonString)items[12_345].Response).Value.Length);
        Assert.Equal("answer 777 é \n yes", ((PyJsonString)items[777].Response).Value);
    }

    [Fact]
    public void AcceptsAUtf8ByteOrderMark()
    {
        var items = ReadAll("\uFEFF[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"}]");
        Assert.Single(items);
    }

    [Fact]
    public void EmptyAndBlankFilesAreUserErrors()
    {
        Assert.EndsWith("is empty; expected a JSON array of prediction objects.", Error(""), StringComparison.Ordinal);
        Assert.EndsWith("is empty; expected a JSON array of prediction objects.", Error(" \n\t"), StringComparison.Ordinal);
    }

    [Fact]
    public void TopLevelMustBeAnArray()
    {
        Assert.StartsWith("predictions_json must be a JSON array of prediction objects (got object", Error("""{"a": 1}"""), StringComparison.Ordinal);
        Assert.StartsWith("predictions_json must be a JSON array of prediction objects (got string", Error("\"x\""), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemThatIsNotAnObjectIsNamedByIndexAndLine()
    {
        string msg = Error("[\n{\"video_id\": \"a\", \"response\": \"y\", \"gt\": \"n\"},\n\"oops\"\n]");
        Assert.StartsWith("predictions_json item 1 is not an object (got string at ", msg, StringComparison.Ordinal);
        Assert.EndsWith("bad.json:3)", msg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"response": "y", "video_id": "a"}""", "gt")]
    [InlineData("""{"gt": "y", "video_id": "a"}""", "response")]
    [InlineData("""{"gt": "y", "response": "a"}""", "video_id")]
    [InlineData("""{}""", "gt")]
    public void MissingKeysAreCheckedInTaoOrder(string item, string key) =>
        Assert.StartsWith($"predictions_json item 0: missing '{key}'", Error($"[{item}]"), StringComparison.Ordinal);

    [Fact]
    public void FirstValidationErrorIsReportedEvenWhenLaterItemsAreAlsoBad()
    {
        string msg = Error("""[{"gt": "y", "response": "a", "video_id": "v"}, {"gt": "y"}, 3, {"response": "x"}]""");
        Assert.StartsWith("predictions_json item 1: missing 'response'", msg, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorAnywhereWinsOverAValidationError()
    {
        // Python's json.load fails before any item is validated.
        string msg = Error("[{\"gt\": \"y\"},\n{\"gt\": \"y\" \"response\": 1}]");
        Assert.StartsWith("predictions_json ", msg, StringComparison.Ordinal);
        Assert.Contains("is not valid JSON at line 2", msg, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFileSaysSo()
    {
        string msg = Error("[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"},");
        Assert.Contains("is not valid JSON", msg, StringComparison.Ordinal);
        Assert.EndsWith("(truncated?)", msg, StringComparison.Ordinal);
    }

    [Fact]
    public void LineNumbersStayRightDeepInALargeFile()
    {
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < 100_000; i++) sb.Append("{\"video_id\": \"v\", \"response\": \"yes\", \"gt\": \"no\"},\n");
        sb.Append("{\"video_id\": \"v\", \"response\": \"yes\" \"gt\": \"no\"}\n]");
        Assert.Contains("is not valid JSON at line 100002", Error(sb.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public void NonStringVideoIdIsAUserError() =>
        Assert.StartsWith("predictions_json item 0: 'video_id' must be a string, got number", Error("""[{"gt": "y", "response": "a", "video_id": 5}]"""), StringComparison.Ordinal);

    [Fact]
    public void MissingFileDirectoryAndUnreadableFileAreUserErrors()
    {
        var missing = Assert.Throws<UserInputException>(() => new PredictionsJsonReader(Dir.Combine("nope.json")));
        Assert.StartsWith("FileNotFoundError: predictions_json not found: ", missing.Message, StringComparison.Ordinal);
        var dir = Assert.Throws<UserInputException>(() => new PredictionsJsonReader(Dir.Path));
        Assert.EndsWith("is a directory; expected a file.", dir.Message, StringComparison.Ordinal);
        // /proc/self/mem exists but every read at offset 0 fails with EIO, even for root.
        var unreadable = Assert.Throws<UserInputException>(() =>
        {
            using var r = new PredictionsJsonReader("/proc/self/mem");
            r.ReadAll().ToList();
        });
        Assert.StartsWith("cannot read predictions_json /proc/self/mem", unreadable.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HashesTheWholeInput()
    {
        string content = """[{"video_id": "a", "response": "yes", "gt": "no"}]""";
        string hash = await GapLens.IO.Files.FileHash.Xxh128Async(Dir.File("h.json", content), CancellationToken.None);
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(Encoding.UTF8.GetBytes(content))), hash);
        Assert.NotEqual(hash, await GapLens.IO.Files.FileHash.Xxh128Async(Dir.File("h2.json", content + " "), CancellationToken.None));
    }

    [Fact]
    public void ViewExtractsAnswersFromBytesAndMaterializesOnlyOnDemand()
    {
        using var r = new PredictionsJsonReader(Dir.File("v.json",
            """[{"video_id": "aé", "response": "B. No", "gt": "Yes", "question": "Qé"}, {"video_id": "b", "response": 1, "gt": "yes"}]"""));
        Assert.True(r.MoveNext());
        var v = r.Current;
        Assert.Equal(GapLens.Core.Parsing.YesNo.No, v.ExtractResponse()!.Value.Answer);
        Assert.Equal(GapLens.Core.Parsing.YesNo.Yes, v.ExtractGroundTruth()!.Value.Answer);
        Assert.True(v.TryGetQuestionUtf8(out var q));
        Assert.Equal("Qé", Encoding.UTF8.GetString(q));
        Assert.Equal("aé", v.Materialize().VideoId);
        Assert.True(r.MoveNext());
        Assert.Null(r.Current.ExtractResponse());
        Assert.False(r.MoveNext());
    }
}
