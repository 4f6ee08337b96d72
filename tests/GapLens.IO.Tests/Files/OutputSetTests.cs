using System.Text;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.IO.Tests.Files;

public sealed class OutputSetTests : TempDirTest
{
    private static readonly string[] Owned = ["a.txt", "b.txt", "c.txt", "images/"];

    private static byte[] Manifest(System.Collections.Immutable.ImmutableArray<GapLens.Core.Runs.RunFile> files) =>
        GapLens.IO.Json.GapLensJson.Serialize(new GapLens.Core.Runs.RunManifest
        {
            Tool = new("gaplens", "0.0.0", null),
            Verb = "test",
            CommandLine = [],
            Options = System.Collections.Immutable.ImmutableSortedDictionary<string, string?>.Empty,
            Inputs = [],
            Outputs = files,
            Host = new("os", "rt", 1),
            StartedUtc = DateTimeOffset.UnixEpoch,
        });

    private void Write(string dir, params (string Name, string Text)[] files)
    {
        using var set = OutputSet.Open(dir, "out", Owned, []);
        foreach (var (name, text) in files) set.StageText(name, text);
        set.Commit(Manifest);
    }

    [Fact]
    public void CommitPutsEveryFileInPlaceWithTheManifestLast()
    {
        string dir = Dir.Combine("out");
        Write(dir, ("a.txt", "A"), ("images/x.png", "X"));
        Assert.Equal(["out/a.txt", "out/gaplens_run.json", "out/images/x.png"], Dir.ListFiles());
        Assert.Empty(OutputSet.Check(dir));
        File.WriteAllText(Path.Combine(dir, "a.txt"), "tampered");
        Assert.Equal(["a.txt: 8 bytes, listed 1"], OutputSet.Check(dir));
    }

    [Fact]
    public void ARerunRemovesThePreviousRunsFilesItDoesNotWriteAgain()
    {
        string dir = Dir.Combine("out");
        Write(dir, ("a.txt", "A1"), ("b.txt", "B1"), ("images/x.png", "X"));
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "the user's own file");
        Write(dir, ("a.txt", "A2"), ("c.txt", "C2"));
        Assert.Equal(["out/a.txt", "out/c.txt", "out/gaplens_run.json", "out/notes.txt"], Dir.ListFiles());
        Assert.Equal("A2", File.ReadAllText(Path.Combine(dir, "a.txt")));
        Assert.Empty(OutputSet.Check(dir));
    }

    /// <summary>A record a rerun cannot trust (edited by hand, or by someone else): an output path that is
    /// not valid UTF-8, a lone surrogate or a NUL is skipped, not a crash that every later rerun repeats;
    /// one listed through a symbolic link to another folder is not deleted there.</summary>
    [Theory]
    [InlineData("badutf8")]
    [InlineData("surrogate")]
    [InlineData("nul")]
    [InlineData("symlink")]
    public void ARerunOverATamperedRecordNeitherCrashesNorDeletesOutsideTheFolder(string tamper)
    {
        string dir = Dir.Combine("out");
        string outside = Dir.Combine("elsewhere");
        Directory.CreateDirectory(outside);
        string victim = Path.Combine(outside, "victim.txt");
        File.WriteAllText(victim, "not GapLens' file");
        Write(dir, ("a.txt", "A1"), ("d.txt", "D1"));
        string record = Path.Combine(dir, OutputSet.ManifestName);
        byte[] listed = tamper switch
        {
            "badutf8" => [.. "{\"outputs\": [{\"path\": \"bad"u8, 0xFF, 0xFE, .. ".txt\"}, {\"path\": \"d.txt\"}]}"u8],
            "surrogate" => "{\"outputs\": [{\"path\": \"bad\\ud800.txt\"}, {\"path\": \"d.txt\"}]}"u8.ToArray(),
            "nul" => "{\"outputs\": [{\"path\": \"bad\\u0000.txt\"}, {\"path\": \"d.txt\"}]}"u8.ToArray(),
            _ => "{\"outputs\": [{\"path\": \"link/victim.txt\"}, {\"path\": \"d.txt\"}]}"u8.ToArray(),
        };
        if (tamper == "symlink") Directory.CreateSymbolicLink(Path.Combine(dir, "link"), outside);
        File.WriteAllBytes(record, listed);

        Write(dir, ("a.txt", "A2"));

        Assert.Equal("not GapLens' file", File.ReadAllText(victim));
        Assert.False(File.Exists(Path.Combine(dir, "d.txt"))); // the entries that can be read still count
        Assert.Equal("A2", File.ReadAllText(Path.Combine(dir, "a.txt")));
        Assert.Empty(OutputSet.Check(dir));
    }

    [Fact]
    public void OwnedNamesLeftByAnOlderRunWithoutAManifestAreRemovedToo()
    {
        string dir = Dir.Combine("out");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "b.txt"), "stale, no manifest");
        Write(dir, ("a.txt", "A"));
        Assert.Equal(["out/a.txt", "out/gaplens_run.json"], Dir.ListFiles());
    }

    [Fact]
    public void AnInputWithAnOutputsNameIsNeverOverwrittenOrRemoved()
    {
        string dir = Dir.Combine("out");
        string input = Dir.File("out/a.txt", "precious input");
        using (var set = OutputSet.Open(dir, "results_dir", Owned, [input]))
        {
            var ex = Assert.Throws<UserInputException>(() => set.StageText("a.txt", "output"));
            Assert.Contains("holds an input of this run under an output's name (a.txt)", ex.Message, StringComparison.Ordinal);
        }
        using (var set = OutputSet.Open(dir, "results_dir", Owned, [input]))
        {
            set.StageText("b.txt", "B");
            set.Commit(Manifest);
        }
        Assert.Equal("precious input", File.ReadAllText(input));
    }

    [Fact]
    public void DisposingWithoutCommitRemovesTheFoldersItMadeButKeepsThoseThatWereThere()
    {
        // A run stopped mid-way (SIGTERM while drawing overlays) left out/ and out/images/ behind, empty.
        string dir = Dir.Combine("new", "out");
        using (var set = OutputSet.Open(dir, "out", Owned, []))
        {
            set.StageText("images/deep/x.png", "never committed");
        }
        Assert.False(Directory.Exists(dir));
        Assert.False(Directory.Exists(Dir.Combine("new")));
        Directory.CreateDirectory(Dir.Combine("kept", "images"));
        using (var set = OutputSet.Open(Dir.Combine("kept"), "out", Owned, []))
        {
            set.StageText("images/deep/x.png", "never committed");
        }
        Assert.True(Directory.Exists(Dir.Combine("kept", "images")));
        Assert.False(Directory.Exists(Dir.Combine("kept", "images", "deep")));
    }

    [Fact]
    public void DisposingWithoutCommitLeavesNothingAndOrphansOfDeadRunsAreCleaned()
    {
        string dir = Dir.Combine("out");
        using (var set = OutputSet.Open(dir, "out", Owned, []))
        {
            set.StageText("a.txt", "never committed");
        }
        Assert.Empty(Dir.ListFiles());
        Assert.False(Directory.Exists(dir)); // the folder it made is gone too
        // A temporary of a killed run (a pid that cannot be alive) is removed when the folder is next opened.
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, $".a.txt.999999999.{Guid.NewGuid():N}.tmp"), "half");
        File.WriteAllText(Path.Combine(dir, ".hidden-user-file.tmp"), "not ours");
        using (OutputSet.Open(dir, "out", Owned, []))
        {
        }
        Assert.Equal(["out/.hidden-user-file.tmp"], Dir.ListFiles());
    }

    [Fact]
    public void RetractRemovesAPreviousSetManifestFirst()
    {
        string dir = Dir.Combine("out");
        Write(dir, ("a.txt", "A"), ("images/x.png", "X"));
        OutputSet.Retract(dir, Owned, []);
        Assert.Empty(Dir.ListFiles());
        OutputSet.Retract(Dir.Combine("missing"), Owned, []);
        Assert.False(Directory.Exists(Dir.Combine("missing")));
    }

    [Fact]
    public void AtomicFileReplacesWholeFiles()
    {
        string p = Dir.Combine("x", "f.json");
        AtomicFile.Write(p, Encoding.UTF8.GetBytes("one"));
        AtomicFile.WriteText(p, "two");
        Assert.Equal("two", File.ReadAllText(p));
        Assert.Equal(["x/f.json"], Dir.ListFiles());
    }

    [Fact]
    public void ReadStagedReturnsTheBytesStagedBeforeTheCommitAndRefusesOthers()
    {
        using var set = OutputSet.Open(Dir.Combine("out"), "--out", Owned, []);
        set.StageBytes("images/x.png", [1, 2, 3]);
        Assert.Equal([1, 2, 3], set.ReadStaged("images/x.png"));
        Assert.False(File.Exists(Dir.Combine("out", "images", "x.png")));
        Assert.Throws<ArgumentException>(() => set.ReadStaged("a.txt"));
    }
}
