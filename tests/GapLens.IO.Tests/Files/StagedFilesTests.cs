using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class StagedFilesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void NothingAppearsUntilCommit()
    {
        using (var staged = new StagedFiles())
        {
            staged.StageText(_dir.Combine("a.txt"), "A");
            staged.StageText(_dir.Combine("b.txt"), w => w.Write("B\n"));
            Assert.DoesNotContain("a.txt", _dir.ListFiles());
            staged.Commit();
        }
        Assert.Equal(["a.txt", "b.txt"], _dir.ListFiles());
        Assert.Equal("B\n", File.ReadAllText(_dir.Combine("b.txt")));
    }

    [Fact]
    public void AFailureWhileStagingLeavesNoFileBehind()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var staged = new StagedFiles();
            staged.StageText(_dir.Combine("a.txt"), "A");
            staged.StageText(_dir.Combine("b.txt"), w =>
            {
                w.Write("half");
                throw new InvalidOperationException("disk full");
            });
            staged.Commit();
        });
        Assert.Empty(_dir.ListFiles());
    }

    [Fact]
    public void CommitReplacesAnExistingFile()
    {
        File.WriteAllText(_dir.Combine("a.txt"), "old");
        AtomicFile.WriteAllText(_dir.Combine("a.txt"), "new");
        Assert.Equal("new", File.ReadAllText(_dir.Combine("a.txt")));
        Assert.Equal(["a.txt"], _dir.ListFiles());
    }
}
