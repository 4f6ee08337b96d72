using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class StagedFilesTests : TempDirTest
{
    [Fact]
    public void NothingAppearsUntilCommit()
    {
        using (var staged = new StagedFiles())
        {
            staged.StageText(Dir.Combine("a.txt"), "A");
            staged.StageText(Dir.Combine("b.txt"), w => w.Write("B\n"));
            Assert.DoesNotContain("a.txt", Dir.ListFiles());
            staged.Commit();
        }
        Assert.Equal(["a.txt", "b.txt"], Dir.ListFiles());
        Assert.Equal("B\n", File.ReadAllText(Dir.Combine("b.txt")));
    }

    [Fact]
    public void AFailureWhileStagingLeavesNoFileBehind()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var staged = new StagedFiles();
            staged.StageText(Dir.Combine("a.txt"), "A");
            staged.StageText(Dir.Combine("b.txt"), w =>
            {
                w.Write("half");
                throw new InvalidOperationException("disk full");
            });
            staged.Commit();
        });
        Assert.Empty(Dir.ListFiles());
    }

    [Fact]
    public void CommitReplacesAnExistingFile()
    {
        File.WriteAllText(Dir.Combine("a.txt"), "old");
        using (var staged = new StagedFiles())
        {
            staged.StageText(Dir.Combine("a.txt"), "new");
            Assert.Equal("old", File.ReadAllText(Dir.Combine("a.txt")));
            staged.Commit();
        }
        Assert.Equal("new", File.ReadAllText(Dir.Combine("a.txt")));
        Assert.Equal(["a.txt"], Dir.ListFiles());
    }
}
