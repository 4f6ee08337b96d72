using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class PathGuardTests : TempDirTest
{
    [Fact]
    public void AFileInsideTheFolderIsServedByItsRealPath()
    {
        string f = Dir.File(Path.Combine("root", "a", "v.mp4"), "x");
        Assert.Equal(f, PathGuard.ResolveFileWithin(Dir.Combine("root"), f));
        Assert.Equal(f, PathGuard.ResolveFileWithin(Dir.Combine("root"), Dir.Combine("root", "a", "..", "a", "v.mp4")));
        // A link that stays inside is fine, and resolves to its target.
        File.CreateSymbolicLink(Dir.Combine("root", "a", "link.mp4"), "v.mp4");
        Assert.Equal(f, PathGuard.ResolveFileWithin(Dir.Combine("root"), Dir.Combine("root", "a", "link.mp4")));
    }

    [Fact]
    public void LinksOutOfTheFolderTraversalMissingFilesFoldersAndLoopsAreRefused()
    {
        Dir.File(Path.Combine("root", "a", "v.mp4"), "x");
        string secret = Dir.File("secret.txt", "s");
        File.CreateSymbolicLink(Dir.Combine("root", "a", "out.mp4"), secret);
        File.CreateSymbolicLink(Dir.Combine("root", "a", "abs.mp4"), "/etc/passwd");
        Directory.CreateSymbolicLink(Dir.Combine("root", "escape"), Dir.Path);
        File.CreateSymbolicLink(Dir.Combine("root", "loop1"), Dir.Combine("root", "loop2"));
        File.CreateSymbolicLink(Dir.Combine("root", "loop2"), Dir.Combine("root", "loop1"));
        string root = Dir.Combine("root");
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "a", "out.mp4")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "a", "abs.mp4")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "escape", "secret.txt")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "..", "secret.txt")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "a")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "a", "missing.mp4")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "loop1")));
        Assert.Null(PathGuard.ResolveFileWithin(root, Dir.Combine("root", "a", "v.mp4\0.png")));
        // A sibling whose name starts with the folder's is not inside it.
        string sibling = Dir.File(Path.Combine("root2", "v.mp4"), "x");
        Assert.Null(PathGuard.ResolveFileWithin(root, sibling));
        Assert.Null(PathGuard.ResolveFileWithin(root, "/dev/null"));
    }

    [Fact]
    public void TheFolderItselfMayBeALink()
    {
        string f = Dir.File(Path.Combine("real", "v.mp4"), "x");
        Directory.CreateSymbolicLink(Dir.Combine("outputs"), Dir.Combine("real"));
        Assert.Equal(f, PathGuard.ResolveFileWithin(Dir.Combine("outputs"), Dir.Combine("outputs", "v.mp4")));
        Assert.Equal(Dir.Combine("real"), PathGuard.RealPath(Dir.Combine("outputs")));
    }
}
