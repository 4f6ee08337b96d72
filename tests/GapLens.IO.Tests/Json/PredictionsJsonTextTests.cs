using System.Text;
using GapLens.Core;
using GapLens.Core.Json;
using GapLens.IO.Json;
using GapLens.Testing;

namespace GapLens.IO.Tests.Json;

/// <summary>Text that is not text (bytes that are not UTF-8, lone surrogates, NUL in a path) and items
/// over the record limit: one-line user errors, found before anything is written.</summary>
public sealed class PredictionsJsonTextTests : TempDirTest
{
    private string Error(byte[] content, long? maxItemBytes = null)
    {
        string path = Dir.Combine("bad.json");
        File.WriteAllBytes(path, content);
        var ex = Assert.Throws<UserInputException>(() =>
        {
            using var r = new PredictionsJsonReader(path, ReadRange.Whole, maxItemBytes);
            foreach (var _ in r.ReadAll())
            {
            }
        });
        Assert.DoesNotContain('\n', ex.Message);
        return ex.Message;
    }

    private string Error(string content) => Error(Encoding.UTF8.GetBytes(content));

    private List<GapLens.Core.Mining.Bcq.Prediction> ReadAll(string content)
    {
        using var r = new PredictionsJsonReader(Dir.File("p.json", content));
        return [.. r.ReadAll()];
    }

    [Theory]
    [InlineData("response")]
    [InlineData("gt")]
    [InlineData("video_id")]
    [InlineData("extra")]
    public void InvalidUtf8AnywhereInAnItemIsNamedByLineAndByte(string key)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"},\n{\"video_id\": \"b\", \"response\": \"yes\", \"gt\": \"no\", "));
        bytes.AddRange(Encoding.UTF8.GetBytes($"\"{key}\": \"x "));
        bytes.AddRange([0xC3, 0x28]); // a lead byte followed by a byte that cannot continue it
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}]"));
        string msg = Error([.. bytes]);
        Assert.Matches(@"^predictions_json .*bad\.json line 2: invalid UTF-8 \(byte 0xC3 at byte offset \d+\); the file must be UTF-8 text", msg);
    }

    [Fact]
    public void AByteOrderMarkAndMultiByteCharactersAcrossBufferRefillsAreValid()
    {
        var sb = new StringBuilder("\uFEFF[");
        for (int i = 0; i < 20_000; i++) sb.Append(i == 0 ? "" : ",").Append($$"""{"video_id": "v{{i}}", "response": "yes é 😀 {{new string('ü', i % 70)}}", "gt": "no"}""");
        sb.Append(']');
        Assert.Equal(20_000, ReadAll(sb.ToString()).Count);
    }

    [Theory]
    [InlineData("""{"video_id": "a", "response": "yes \ud800", "gt": "no"}""", "'response'")]
    [InlineData("""{"video_id": "a", "response": "yes", "gt": "\udc00 no"}""", "'gt'")]
    [InlineData("""{"video_id": "a\ud83d", "response": "yes", "gt": "no"}""", "'video_id'")]
    [InlineData("""{"video_id": "a", "response": "yes", "gt": "no", "question": {"k": ["x", "\ud800"]}}""", "'question'")]
    [InlineData("""{"video_id": "a", "response": "yes", "gt": "no", "question": {"\ud800": 1}}""", "'question'")]
    public void ALoneSurrogateInAUsedValueIsAUserErrorNamingItemAndKey(string item, string key)
    {
        string msg = Error($"[{{\"video_id\": \"ok\", \"response\": \"no\", \"gt\": \"no\"}},\n{item}]");
        Assert.StartsWith($"predictions_json item 1: {key} holds an escape that is not text (a lone surrogate such as \\ud800", msg, StringComparison.Ordinal);
        Assert.EndsWith("bad.json:2)", msg, StringComparison.Ordinal);
    }

    [Fact]
    public void APairedSurrogateEscapeAndALoneSurrogateInAnUnusedKeyAreFine()
    {
        var items = ReadAll("""[{"video_id": "a", "response": "yes \ud83d\ude00", "gt": "no", "note": "\ud800"}]""");
        Assert.Equal("yes 😀", ((PyJsonString)items[0].Response).Value);
    }

    [Fact]
    public void ANulCharacterInTheVideoIdIsAUserErrorAndIsKeptElsewhere()
    {
        string msg = Error("""[{"video_id": "a\u0000b.mp4", "response": "yes", "gt": "no"}]""");
        Assert.StartsWith("predictions_json item 0: 'video_id' contains a NUL character (\\u0000), which no path can hold (at ", msg, StringComparison.Ordinal);
        var items = ReadAll("""[{"video_id": "a.mp4", "response": "yes\u0000", "gt": "no", "question": "q\u0000"}]""");
        Assert.Equal("yes\0", ((PyJsonString)items[0].Response).Value);
        Assert.Equal("q\0", ((PyJsonString)items[0].Question).Value);
    }

    [Fact]
    public void AnItemOverTheRecordLimitIsRefusedBeforeItsBufferGrowsFurther()
    {
        // 3 MiB of one string with a 2 MiB limit: the reader stops at the limit, it never holds the item.
        const int limit = 2 << 20;
        var sb = new StringBuilder("[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"},\n{\"video_id\": \"b\", \"gt\": \"no\", \"response\": \"");
        sb.Append('y', 3 << 20).Append("\"}]");
        long before = GC.GetAllocatedBytesForCurrentThread();
        string msg = Error(Encoding.UTF8.GetBytes(sb.ToString()), limit);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Matches(@"^predictions_json .*bad\.json line 2: one item is larger than 2 MiB, the limit for one record; raise it with the environment variable GAPLENS_MAX_RECORD_BYTES", msg);
        Assert.True(allocated < 24 << 20, $"allocated {allocated} bytes reading a 3 MiB item under a 2 MiB limit");
        // Under the limit the same item reads.
        using var r = new PredictionsJsonReader(Dir.Combine("bad.json"), ReadRange.Whole, 8 << 20);
        Assert.Equal(2, r.ReadAll().Count());
    }

    [Fact]
    public void ADepthOverflowIsNotCalledATruncation()
    {
        string msg = Error("[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\", \"question\": " + new string('[', 80) + new string(']', 80) + "}]");
        Assert.Contains("is not valid JSON at line 1", msg, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", msg, StringComparison.Ordinal);
        Assert.Contains("nested deeper than", msg, StringComparison.Ordinal);
    }

    [Fact]
    public void APipeGivenStraightToTheReaderIsAClearError()
    {
        string fifo = Fifo.Make(Dir.Combine("p.fifo"));
        using var writer = Fifo.WriteAsync(fifo, "[]"u8.ToArray());
        var ex = Assert.Throws<UserInputException>(() => new PredictionsJsonReader(fifo));
        Assert.Equal($"predictions_json {fifo} is a pipe or FIFO; it is read more than once, so give a regular file (or read it through RereadableInput)", ex.Message);
    }
}
