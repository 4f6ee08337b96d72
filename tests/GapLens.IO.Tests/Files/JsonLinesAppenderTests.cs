using System.Text;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class JsonLinesAppenderTests : TempDirTest
{
    [Fact]
    public void OpeningCutsOffALastLineLeftHalfWrittenSoTheNextRecordStartsOnItsOwnLine()
    {
        string path = Dir.File("r.jsonl", "{\"a\":1}\n{\"b\":2}\n{\"c\":");
        using (var a = JsonLinesAppender.Open(path, "results file"))
        {
            Assert.Equal(5, a.RemovedPartialBytes);
            a.Append("{\"d\":4}"u8);
        }
        Assert.Equal("{\"a\":1}\n{\"b\":2}\n{\"d\":4}\n", File.ReadAllText(path));
    }

    [Fact]
    public void AFileWithOnlyAPartialLineBecomesEmptyAndAMissingFileIsCreated()
    {
        string partial = Dir.File("p.jsonl", "{\"half");
        using (var a = JsonLinesAppender.Open(partial, "results file")) Assert.Equal(6, a.RemovedPartialBytes);
        Assert.Equal(0, new FileInfo(partial).Length);
        string fresh = Dir.Combine("new.jsonl");
        using (var a = JsonLinesAppender.Open(fresh, "results file")) Assert.Equal(0, a.RemovedPartialBytes);
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void ConcurrentAppendsNeverInterleaveWithinALine()
    {
        string path = Dir.Combine("c.jsonl");
        using (var a = JsonLinesAppender.Open(path, "results file"))
        {
            Parallel.For(0, 400, i => a.Append(Encoding.UTF8.GetBytes($"{{\"i\":{i},\"pad\":\"{new string('x', 3000)}\"}}")));
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal(400, lines.Length);
        Assert.Equal(Enumerable.Range(0, 400), lines.Select(l => int.Parse(l[5..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void ARecordWithANewlineIsRefused()
    {
        using var a = JsonLinesAppender.Open(Dir.Combine("n.jsonl"), "results file");
        Assert.Throws<ArgumentException>(() => a.Append("{\n}"u8));
    }
}
