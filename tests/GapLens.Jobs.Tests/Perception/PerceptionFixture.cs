using System.Text.Json;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>The perception fixtures (tests/TestData/perception, made by the scripts beside them) and
/// helpers to read what a job wrote.</summary>
internal static class PerceptionFixture
{
    public static string Path(params string[] parts) => TestData.PathOf(["perception", .. parts]);

    public static string Annotations => Path("annotations.json");

    public static JobContext Context(TempDir dir) => JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), dir.Path);

    public static JsonElement Json(string file) => JsonDocument.Parse(File.ReadAllBytes(file)).RootElement.Clone();

    /// <summary>The report.json metric with this id.</summary>
    public static JsonElement Metric(string reportJson, string id) =>
        Json(reportJson).GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "metrics").SelectMany(b => b.GetProperty("metrics").EnumerateArray())
            .First(m => m.GetProperty("id").GetString() == id);

    /// <summary>The ids of the report's sections, in order.</summary>
    public static string[] Sections(string reportJson) =>
        [.. Json(reportJson).GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    /// <summary>The folder holds a complete output set: the run record lists exactly the files written.</summary>
    public static JsonElement AssertCommitted(string dir)
    {
        Assert.Empty(OutputSet.Check(dir));
        var manifest = Json(System.IO.Path.Combine(dir, OutputSet.ManifestName));
        var listed = manifest.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToList();
        var written = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(dir, f).Replace('\\', '/'))
            .Where(f => f != OutputSet.ManifestName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(written, listed);
        return manifest;
    }
}
