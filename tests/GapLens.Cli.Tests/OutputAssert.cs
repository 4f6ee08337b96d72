using GapLens.IO.Files;

namespace GapLens.Cli.Tests;

/// <summary>What a reader must always be able to tell about an output folder, whatever stopped the run.</summary>
internal static class OutputAssert
{
    /// <summary>No temporary of a dead or stopped run anywhere below <paramref name="root"/> (files and
    /// folders with the hidden ".name.pid.guid.tmp" shape), and no spooled input or spilled cases of
    /// process <paramref name="pid"/> in the system's temporary folder.</summary>
    public static void NoTemporaries(string root, int? pid = null)
    {
        if (Directory.Exists(root))
        {
            var temps = Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Where(p => AtomicFile.IsTempName(Path.GetFileName(p))).ToList();
            Assert.True(temps.Count == 0, "temporaries left: " + string.Join(", ", temps));
        }
        if (pid is { } id)
        {
            var spooled = Directory.EnumerateFiles(Path.GetTempPath(), $"gaplens-*-{id}-*").ToList();
            Assert.True(spooled.Count == 0, "temporary files of the run left: " + string.Join(", ", spooled));
        }
    }

    /// <summary>Either a complete set (its manifest lists files that all match) or no manifest at all.</summary>
    public static bool CompleteOrWithoutManifest(string dir)
    {
        if (!File.Exists(Path.Combine(dir, OutputSet.ManifestName))) return false;
        Assert.Empty(OutputSet.Check(dir));
        return true;
    }
}
