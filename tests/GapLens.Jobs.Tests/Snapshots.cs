namespace GapLens.Jobs.Tests;

/// <summary>
/// Snapshot files under tests/GapLens.Jobs.Tests/Snapshots/ (committed). A test compares what it
/// rendered with its snapshot; with GAPLENS_UPDATE_SNAPSHOTS=1 it writes the snapshot instead (then
/// read the diff before committing it).
/// </summary>
internal static class Snapshots
{
    public static void AssertMatches(string name, string actual)
    {
        string path = Path.Combine(Browser.ReportBrowser.RepoRoot(), "tests", "GapLens.Jobs.Tests", "Snapshots", name);
        if (Environment.GetEnvironmentVariable("GAPLENS_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no snapshot {path}: run the test once with GAPLENS_UPDATE_SNAPSHOTS=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
