using GapLens.Core;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class RereadableInputTests : TempDirTest
{
    [Fact]
    public void ARegularFileIsUsedInPlace()
    {
        string path = Dir.File("a.json", "[]");
        using var input = RereadableInput.Open(path, "predictions_json", CancellationToken.None);
        Assert.False(input.IsCopy);
        Assert.Equal(path, input.Path);
    }

    [Fact]
    public void AFileRewrittenBetweenTwoReadsIsAUserErrorNotAMixOfTwoVersions()
    {
        string path = Dir.File("inference.csv", "input_path,object_name,label,siamese_score\na,b,PASS,0.1\n");
        using (var input = RereadableInput.Open(path, "inference CSV", CancellationToken.None))
        {
            Assert.Equal(2, input.Read(File.ReadAllLines).Length);
            Assert.Equal(2, input.Read(File.ReadAllLines).Length); // unchanged: read as often as needed
            long before = new FileInfo(path).Length;
            File.AppendAllText(path, "c,d,NO_PASS,0.9\n");
            var ex = Assert.Throws<UserInputException>(() => input.Read(File.ReadAllLines));
            Assert.Equal($"inference CSV {path} changed while it was being read ({before} bytes when opened, {before + 16} now); rerun once nothing writes to it, or give a copy", ex.Message);
        }
        // Same size, other content: the modification time tells.
        using (var input = RereadableInput.Open(path, "inference CSV", CancellationToken.None))
        {
            var seen = File.GetLastWriteTimeUtc(path);
            var ex = Assert.Throws<UserInputException>(() => input.Read(p =>
            {
                File.WriteAllText(p, File.ReadAllText(p).Replace("0.9", "0.8", StringComparison.Ordinal));
                File.SetLastWriteTimeUtc(p, seen.AddSeconds(1));
                return 0;
            }));
            Assert.EndsWith("changed while it was being read (its modification time changed); rerun once nothing writes to it, or give a copy", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AFifoIsCopiedInOnePassAndTheCopyIsDeletedOnDispose()
    {
        string fifo = Fifo.Make(Dir.Combine("in.fifo"));
        byte[] content = [.. Enumerable.Range(0, 3 << 20).Select(i => (byte)('a' + i % 26))];
        using var writer = Fifo.WriteAsync(fifo, content);
        string copy;
        using (var input = RereadableInput.Open(fifo, "predictions_json", CancellationToken.None))
        {
            Assert.True(input.IsCopy);
            Assert.Equal(fifo, input.Given);
            copy = input.Path;
            Assert.Equal(content, File.ReadAllBytes(copy));
            Assert.Equal(content, File.ReadAllBytes(copy)); // readable twice
            var ex = Assert.Throws<UserInputException>(() => input.Read<int>(p => throw new UserInputException($"predictions_json {p} line 3: bad")));
            Assert.Equal($"predictions_json {fifo} line 3: bad", ex.Message);
        }
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public void MissingInputsAreTheUsualUserErrors()
    {
        var ex = Assert.Throws<UserInputException>(() => RereadableInput.Open(Dir.Combine("none.json"), "predictions_json", CancellationToken.None));
        Assert.StartsWith("FileNotFoundError: predictions_json not found: ", ex.Message, StringComparison.Ordinal);
    }
}
