using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using GapLens.Core;
using GapLens.Perception.Annotations;
using GapLens.Perception.Attention;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

public sealed class AttentionInputTests
{
    /// <summary>Writes a float32 .npy file (format 1.0) the way numpy.save does.</summary>
    internal static void WriteNpy(string path, int[] shape, float[] values, string descr = "<f4", bool fortran = false)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        int pad = 64 - (10 + header.Length + 1) % 64;
        header = header + new string(' ', pad % 64) + "\n";
        using var fs = File.Create(path);
        fs.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        fs.Write(BitConverter.GetBytes((ushort)header.Length));
        fs.Write(Encoding.Latin1.GetBytes(header));
        foreach (float v in values) fs.Write(BitConverter.GetBytes(v));
    }

    private static string MapDir(TempDir dir, string video, int q, int[] shape, float[]? values = null, string sidecar = """{"frame_ids": [0]}""")
    {
        string folder = dir.Combine("maps", video);
        Directory.CreateDirectory(folder);
        int n = shape.Aggregate(1, (a, b) => a * b);
        WriteNpy(Path.Combine(folder, $"{q}.npy"), shape, values ?? [.. Enumerable.Range(0, n).Select(i => (float)(i % 7))]);
        File.WriteAllText(Path.Combine(folder, $"{q}.json"), sidecar);
        return dir.Combine("maps");
    }

    private static UserInputException LoadFails(TempDir dir, int[] shape, string sidecar, float[]? values = null)
    {
        var folder = new AttentionMapFolder(MapDir(dir, "v", 0, shape, values, sidecar));
        return Assert.Throws<UserInputException>(() => folder.Load(folder.Keys[0]));
    }

    [Fact]
    public void ListsQuestionsFromSidecarsAndLoadsTheirArrays()
    {
        using var dir = new TempDir();
        MapDir(dir, "video_2", 1, [2, 3, 4, 5], sidecar: """{"frame_ids": [0, 30, 60], "layers": [8, 16], "crop": [0.1, 0, 0.9, 1]}""");
        string root = MapDir(dir, "video_1", 10, [4, 5]);
        File.WriteAllText(Path.Combine(root, "video_1", "notes.json"), "{}"); // not a question: ignored
        var folder = new AttentionMapFolder(root);
        Assert.Equal([new AttentionMapKey("video_1", 10), new AttentionMapKey("video_2", 1)], folder.Keys.ToArray());
        var m = folder.Load(new AttentionMapKey("video_2", 1));
        Assert.Equal((2, 1, 3, 4, 5), (m.Layers, m.Heads, m.Frames, m.Height, m.Width));
        Assert.Equal(["8", "16"], m.LayerNames.ToArray());
        Assert.Equal(new NormalizedBox(0.1, 0, 0.9, 1), m.Crop);
        Assert.Equal(2f, m.Slice(1, 0, 2)[0]); // flat index ((1 * 1 + 0) * 3 + 2) * 20 = 100, value 100 % 7
    }

    [Theory]
    [InlineData(new[] { 3, 4, 5 }, """{"frame_ids": [0, 30]}""", "names 2 frame ids but the map", "has 3 frames")]
    [InlineData(new[] { 3, 4, 5 }, """{"frame_ids": []}""", "\"frame_ids\" must be a non-empty list", "")]
    [InlineData(new[] { 3, 4, 5 }, """{"frame_ids": [0, 1, -2]}""", "frame id -2 is not a frame number", "")]
    [InlineData(new[] { 3, 4, 5 }, """{"frame_ids": [0, 1, 2], "axes": ["frame", "x", "y"]}""", "\"axes\" [frame, x, y] is not one of", "")]
    [InlineData(new[] { 2, 3, 4, 5 }, """{"frame_ids": [0, 1, 2], "axes": ["frame", "y", "x"]}""", "has shape (2, 3, 4, 5) but the sidecar names 3 axes", "")]
    [InlineData(new[] { 2, 3, 4, 5 }, """{"frame_ids": [0, 1, 2], "layers": [1]}""", "names 1 layers but the map has 2", "")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1 }, """{"frame_ids": [0]}""", "has 6 dimensions", "")]
    [InlineData(new[] { 3, 4, 5 }, """{"frame_ids": [0, 1, 2], "crop": [0.5, 0, 0.4, 1]}""", "\"crop\" must be [x1, y1, x2, y2]", "")]
    [InlineData(new[] { 3, 4, 5 }, "[1, 2]", "must be a JSON object with \"frame_ids\"", "")]
    [InlineData(new[] { 3, 4, 5 }, "{", "is not valid JSON", "")]
    public void BadSidecarsOrShapesAreUserErrorsNamingTheFile(int[] shape, string sidecar, string says, string alsoSays)
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, shape, sidecar);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Contains(alsoSays, ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("v", "0."), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteValuesUnsupportedArraysAndMissingFilesAreUserErrors()
    {
        using (var dir = new TempDir())
        {
            Assert.Contains("non-finite value (NaN) at flat index 1", LoadFails(dir, [2, 2], """{"frame_ids": [0]}""", [0, float.NaN, 1, 2]).Message, StringComparison.Ordinal);
        }
        using (var dir = new TempDir())
        {
            string root = MapDir(dir, "v", 0, [2, 2]);
            var f = new AttentionMapFolder(root);
            WriteNpy(Path.Combine(root, "v", "0.npy"), [2, 2], [1, 2, 3, 4], descr: "<i4");
            Assert.Contains("dtype '<i4' is not readable", Assert.Throws<UserInputException>(() => f.Load(f.Keys[0])).Message, StringComparison.Ordinal);
            File.WriteAllBytes(Path.Combine(root, "v", "0.npy"), [1, 2, 3]);
            Assert.Contains("not an .npy file", Assert.Throws<UserInputException>(() => f.Load(f.Keys[0])).Message, StringComparison.Ordinal);
            File.Delete(Path.Combine(root, "v", "0.npy"));
            Assert.Contains("has no array file beside it (0.npy or 0.safetensors)", Assert.Throws<UserInputException>(() => f.Load(f.Keys[0])).Message, StringComparison.Ordinal);
        }
        using (var dir = new TempDir())
        {
            Assert.Contains("not found", Assert.Throws<UserInputException>(() => new AttentionMapFolder(dir.Combine("none"))).Message, StringComparison.Ordinal);
        }
    }

    private static PerceptionAnnotations TwoQuestions() => new("ann.json",
    [
        new PerceptionVideo("v", new VideoMetadata("valid", 30, 300, 100, 100),
            [new McQuestion(0, "Where?", ["a", "b", "c"], 0, null, "descriptive", ["motion"]), new McQuestion(1, "What?", ["a", "b", "c"], 1, null, "descriptive", ["motion"])],
            [new ObjectTrack(1, "cup", false, [0, 30], [new NormalizedBox(0, 0, 0.2, 0.2), new NormalizedBox(0, 0, 0.2, 0.2)])]),
    ]);

    private static AttentionMap Map(int q, float[] values, int layers = 1, ImmutableArray<string>? layerNames = null) =>
        new(new AttentionMapKey("v", q), [0], layers, 1, 5, 5, values, layerNames ?? [.. Enumerable.Range(0, layers).Select(i => i.ToString(CultureInfo.InvariantCulture))], ["0"]);

    [Fact]
    public void ThePointingToleranceCountsAMaximumNearTheBox()
    {
        var map = new float[25];
        map[12] = 1; // the centre cell (2, 2); the box covers cell (0, 0): distance sqrt(8) = 2.83
        var source = new InMemoryAttentionMaps([Map(0, map)]);
        foreach (var (tol, hit) in new[] { (2.0, 0.0), (2.9, 1.0) })
        {
            var r = AttentionAnalyzer.Analyze(TwoQuestions(), source, options: new AttentionOptions { PointingTolerance = tol });
            Assert.Equal(hit, r.Questions[0].Slices[0].PointingGame);
            Assert.Equal(tol >= 2.9 ? 9.0 / 25 : 6.0 / 25, r.Questions[0].Chance.PointingGame!.Value, 12); // cells within the tolerance of (0, 0)
        }
    }

    [Fact]
    public void MapsOfDifferentLayersInOneRunAreAUserError()
    {
        var source = new InMemoryAttentionMaps([Map(0, new float[25]), Map(1, new float[50], 2)]);
        var ex = Assert.Throws<UserInputException>(() => AttentionAnalyzer.Analyze(TwoQuestions(), source));
        Assert.Contains("All maps of a run must come from the same layers and heads", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapsForUnknownQuestionsAndNoUsableMapsAreDiagnosticsNotErrors()
    {
        var source = new InMemoryAttentionMaps([new AttentionMap(new AttentionMapKey("other", 0), [0], 1, 1, 2, 2, new float[4], ["0"], ["0"])]);
        var r = AttentionAnalyzer.Analyze(TwoQuestions(), source);
        Assert.Empty(r.Slices);
        Assert.Equal(1, r.Diagnostics.MapsWithoutQuestion);
        Assert.Equal(2, r.Diagnostics.QuestionsWithoutMap);
        Assert.Contains(r.Diagnostics.Warnings, w => w.Contains("other/0", StringComparison.Ordinal));
        var none = AttentionAnalyzer.Analyze(TwoQuestions(), new InMemoryAttentionMaps([]));
        Assert.Contains(none.Diagnostics.Warnings, w => w.Contains("nothing to score", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutScoresThereIsNoLinkToCorrectnessButMetricsAreComputed()
    {
        var map = new float[25];
        map[0] = 1;
        var r = AttentionAnalyzer.Analyze(TwoQuestions(), new InMemoryAttentionMaps([Map(0, map)]));
        Assert.Null(r.Questions[0].Correct);
        Assert.Equal(1, r.Questions[0].Slices[0].MassRatio);
        Assert.All(r.Correctness, l => Assert.Null(l.Auroc.Value));
        Assert.Equal(1, r.Diagnostics.QuestionsWithoutMap);
        Assert.Single(r.Overall);
        Assert.Equal(1, r.Overall[0].Metrics[1].Mean.Value);
        Assert.Null(r.Overall[0].Metrics[1].Mean.Ci95); // one question: no interval
    }

    [Fact]
    public void OptionsOutOfRangeAreUserErrors()
    {
        var source = new InMemoryAttentionMaps([Map(0, new float[25])]);
        Assert.Throws<UserInputException>(() => AttentionAnalyzer.Analyze(TwoQuestions(), source, options: new AttentionOptions { IouFraction = 0 }));
        Assert.Throws<UserInputException>(() => AttentionAnalyzer.Analyze(TwoQuestions(), source, options: new AttentionOptions { IouSweep = [0.5, 1.5] }));
        Assert.Throws<UserInputException>(() => AttentionAnalyzer.Analyze(TwoQuestions(), source, options: new AttentionOptions { PointingTolerance = -1 }));
        var r = AttentionAnalyzer.Analyze(TwoQuestions(), source, options: new AttentionOptions { IouFraction = 0.33, IouSweep = [0.5] });
        Assert.Equal([0.33, 0.5], r.Settings.IouSweep.ToArray());
    }
}
