using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class PyPathTests : TempDirTest
{
    [Theory]
    [InlineData("clips/a.mp4", "/work/cwd/clips/a.mp4")]
    [InlineData("/abs/a.mp4", "/abs/a.mp4")]
    [InlineData("../up/a.mp4", "/work/up/a.mp4")]
    [InlineData("a//b/./c.mp4", "/work/cwd/a/b/c.mp4")]
    [InlineData("//net/share/a.mp4", "/net/share/a.mp4")]
    [InlineData("", "/work/cwd")]
    [InlineData("dir/", "/work/cwd/dir")]
    [InlineData("../../../../x", "/x")]
    public void ResolvesLikePathlibWhenNothingIsASymlink(string input, string expected) =>
        Assert.Equal(expected, PyPath.Resolve(input, "/work/cwd"));

    [Theory]
    [InlineData("/data/videos", "clip.mp4", "/data/videos/clip.mp4")]
    [InlineData("/data/videos", "/elsewhere/clip.mp4", "/elsewhere/clip.mp4")]
    [InlineData("/data/videos", "../other/clip.mp4", "/data/other/clip.mp4")]
    [InlineData("/data/videos/", "a//b.mp4", "/data/videos/a/b.mp4")]
    public void AbsoluteVideoIdReplacesTheBase(string baseDir, string id, string expected) =>
        Assert.Equal(expected, PyPath.ResolveUnder(baseDir, id, "/cwd"));

    [Fact]
    public void FollowsSymlinksBeforeApplyingDotDot()
    {
        // real/inner exists; link -> real/inner. Python: Path("link/../x").resolve() == real/x.
        Directory.CreateDirectory(Dir.Combine("real", "inner"));
        File.CreateSymbolicLink(Dir.Combine("link"), Dir.Combine("real", "inner"));
        Assert.Equal(Dir.Combine("real", "x"), PyPath.Resolve("link/../x", Dir.Path));
        Assert.Equal(Dir.Combine("real", "inner", "f.mp4"), PyPath.Resolve(Dir.Combine("link", "f.mp4"), "/"));
        File.CreateSymbolicLink(Dir.Combine("rel"), "real");
        Assert.Equal(Dir.Combine("real", "inner"), PyPath.Resolve("rel/inner", Dir.Path));
    }

    [Fact]
    public void SymlinkLoopStopsResolvingInsteadOfHanging()
    {
        File.CreateSymbolicLink(Dir.Combine("loop"), Dir.Combine("loop"));
        Assert.Equal(Dir.Combine("loop", "x"), PyPath.Resolve("loop/x", Dir.Path));
    }

    [Fact]
    public void CachingResolverGivesTheSameAnswersIncludingSymlinkedLeavesAndDirectories()
    {
        Directory.CreateDirectory(Dir.Combine("real", "inner"));
        File.WriteAllText(Dir.Combine("real", "inner", "f.mp4"), "");
        File.CreateSymbolicLink(Dir.Combine("dirlink"), Dir.Combine("real", "inner"));
        File.CreateSymbolicLink(Dir.Combine("real", "inner", "leaflink.mp4"), "f.mp4");
        string[] inputs =
        [
            "dirlink/f.mp4", "dirlink/leaflink.mp4", "real/inner/leaflink.mp4", "real/inner/f.mp4", "dirlink/../x.mp4",
            "a/b/c.mp4", "a//b/./c.mp4", "../up.mp4", "/abs/x.mp4", "x.mp4", "", "dirlink/", "dirlink/.", "dirlink/..",
            "/", "//a", "dirlink/f.mp4", "a/b/c.mp4",
        ];
        var resolver = new PyPathResolver(Dir.Path);
        foreach (string input in inputs)
        {
            Assert.Equal(PyPath.Resolve(input, Dir.Path), resolver.Resolve(input));
            Assert.Equal(PyPath.ResolveUnder(Dir.Combine("real"), input, "/"), new PyPathResolver("/").ResolveUnder(Dir.Combine("real"), input));
        }
        Assert.Equal(Dir.Combine("real", "inner", "f.mp4"), resolver.Resolve("dirlink/leaflink.mp4"));
    }
}
