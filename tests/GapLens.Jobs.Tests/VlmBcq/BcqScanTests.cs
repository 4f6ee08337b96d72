using System.Text;
using GapLens.Core;
using GapLens.Jobs.VlmBcq;
using GapLens.IO.Logging;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VlmBcq;

/// <summary>The two-reader scan must give exactly what one sequential reader gives.</summary>
public sealed class BcqScanTests : TempDirTest
{
    private static string Items(int n, Func<int, string>? custom = null)
    {
        var sb = new StringBuilder("[\n");
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(",\n");
            sb.Append((custom is null ? null : custom(i)) ?? $$"""{"video_id": "v{{i}}.mp4", "question": "Q{{i % 7}}", "response": "{{(i % 3 == 0 ? "Yes." : i % 3 == 1 ? "B. No" : "maybe")}}", "gt": "{{(i % 2 == 0 ? "yes" : "no")}}"}""");
        }
        return sb.Append("\n]\n").ToString();
    }

    /// <summary>Runs the scan whole and split; returns both (summary JSON-ish fingerprint, jsonl, warnings).</summary>
    private (string Whole, string Split) Both(string path)
    {
        string Run(long minSplit)
        {
            using var result = BcqScan.Run(path, null, id => "/r/" + id, minSplit, CancellationToken.None);
            var s = result.Miner.Finish();
            var jsonl = new MemoryStream();
            foreach (var part in result.Cases) part.CopyTo(jsonl);
            var log = new StringWriter();
            foreach (var w in result.Warnings) w.Replay(new RunLog(log, LogLevel.Debug));
            string warnings = string.Join('\n', log.ToString().Split('\n').Select(l => l.Length > 30 ? l[30..] : l));
            string questions = string.Join(';', s.PerQuestion.Select(q => $"{GapLens.Core.Json.PyJsonFormatter.Format(q.Question)}@{q.FirstIndex}:{q.Stats.Confusion}:{q.Stats.SkippedTotal}"));
            return $"{s.Overall.Confusion}|{s.Overall.SkippedTotal}|{questions}\n{Encoding.UTF8.GetString(jsonl.ToArray())}\n{warnings}";
        }
        return (Run(long.MaxValue), Run(1));
    }

    [Fact]
    public void SplitReadEqualsSequentialRead()
    {
        string path = Dir.File("p.json", Items(5000));
        var (whole, split) = Both(path);
        Assert.Equal(whole, split);
        Assert.Contains("\"video_id\": \"/r/v4996.mp4\"", split, StringComparison.Ordinal);
        Assert.True(BcqScan.FindSplitCandidate(path, new FileInfo(path).Length / 2) > 0);
    }

    [Fact]
    public void AGuessInsideAStringFallsBackToOneReaderWithTheSameResult()
    {
        // Every response holds the "}, {" pattern, so the split guess lands inside a string.
        string tricky = new string('x', 64) + "}, {\"video_id\": \"fake\", \"response\": \"yes\", \"gt\": \"no\"}, {";
        string path = Dir.File("p.json", Items(3000, i => $$"""{"video_id": "v{{i}}", "response": "yes {{tricky.Replace("\"", "\\\"", StringComparison.Ordinal)}}", "gt": "{{(i % 2 == 0 ? "no" : "yes")}}"}"""));
        long guess = BcqScan.FindSplitCandidate(path, new FileInfo(path).Length / 2);
        Assert.True(guess > 0);
        var (whole, split) = Both(path);
        Assert.Equal(whole, split);
        Assert.DoesNotContain("fake", split, StringComparison.Ordinal);
    }

    private string ErrorOf(string path, long minSplit) =>
        Assert.Throws<UserInputException>(() => BcqScan.Run(path, null, id => id, minSplit, CancellationToken.None).Dispose()).Message;

    [Fact]
    public void ValidationProblemInTheSecondHalfHasItsFileIndexAndLine()
    {
        string path = Dir.File("p.json", Items(4000, i => i == 3500 ? """{"video_id": "v", "response": "yes"}""" : null!));
        string expected = ErrorOf(path, long.MaxValue);
        Assert.StartsWith("predictions_json item 3500: missing 'gt' (at ", expected, StringComparison.Ordinal);
        Assert.EndsWith(":3502)", expected, StringComparison.Ordinal);
        Assert.Equal(expected, ErrorOf(path, 1));
    }

    [Fact]
    public void ASyntaxErrorInTheSecondHalfWinsOverAnEarlierValidationProblem()
    {
        string path = Dir.File("p.json", Items(4000, i => i == 10 ? "17" : i == 3900 ? """{"video_id": "v" "response": "yes", "gt": "no"}""" : null!));
        string expected = ErrorOf(path, long.MaxValue);
        Assert.Contains("is not valid JSON at line 3902", expected, StringComparison.Ordinal);
        Assert.Equal(expected, ErrorOf(path, 1));
    }

    [Fact]
    public void FirstValidationProblemWinsAcrossHalves()
    {
        string path = Dir.File("p.json", Items(4000, i => i == 100 ? "[]" : i == 3900 ? "{}" : null!));
        string expected = ErrorOf(path, long.MaxValue);
        Assert.StartsWith("predictions_json item 100 is not an object (got array at ", expected, StringComparison.Ordinal);
        Assert.Equal(expected, ErrorOf(path, 1));
    }
}
