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
