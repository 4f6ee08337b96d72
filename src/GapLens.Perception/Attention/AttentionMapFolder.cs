using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>
/// Attention maps stored one question per file pair (docs/perception.md, "Attention maps"):
/// <c>DIR/&lt;video_id&gt;/&lt;question_id&gt;.npy</c> with the array and
/// <c>DIR/&lt;video_id&gt;/&lt;question_id&gt;.json</c>, the sidecar:
/// <code>
/// {"frame_ids": [0, 37, 75],                  required: the video frame of each map frame
///  "axes": ["layer", "head", "frame", "y", "x"], optional; default by rank: [y, x], [frame, y, x],
///                                               [layer, frame, y, x], [layer, head, frame, y, x]
///  "layers": [8, 16, 24, 31], "heads": [...],  optional labels for the layer and head axes
///  "crop": [0.125, 0, 0.875, 1]}               optional: the part of the frame the map covers
/// </code>
/// The sidecar lists the question; a sidecar without its array file is a user error when loaded, an
/// array file without its sidecar when the folder is opened. The array may also be a
/// <c>.safetensors</c> file holding one tensor (read by <see cref="TensorFileReader"/>).
/// </summary>
public sealed class AttentionMapFolder : IAttentionMapSource
{
    private static readonly ImmutableArray<string> AxisNames = ["layer", "head", "frame", "y", "x"];

    private readonly string _dir;
    private readonly ITensorFileReader _reader;

    public AttentionMapFolder(string dir)
        : this(dir, new TensorFileReader())
    {
    }

    internal AttentionMapFolder(string dir, ITensorFileReader reader)
    {
        if (File.Exists(dir)) throw new UserInputException($"attention maps {dir} is a file; expected a folder with <video_id>/<question_id>.npy and .json files.");
        if (!Directory.Exists(dir)) throw new UserInputException($"attention maps folder not found: {dir}");
        _dir = dir;
        _reader = reader;
        var keys = new List<AttentionMapKey>();
        foreach (string video in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            string videoId = Path.GetFileName(video);
            var questions = Directory.EnumerateFiles(video, "*.json")
                .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f), NumberStyles.None, CultureInfo.InvariantCulture, out int q) ? q : -1)
                .Where(q => q >= 0)
                .Order()
                .ToList();
            // An array without its sidecar would be skipped without a word (its frame ids are unknown).
            string? orphan = Directory.EnumerateFiles(video)
                .Where(f => reader.Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !File.Exists(Path.ChangeExtension(f, ".json")))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (orphan is not null)
            {
                throw new UserInputException($"attention maps: {orphan} has no sidecar {Path.GetFileName(Path.ChangeExtension(orphan, ".json"))} beside it; every map needs one naming its \"frame_ids\" (docs/perception.md, \"Attention maps\").");
            }
            keys.AddRange(questions.Select(q => new AttentionMapKey(videoId, q)));
        }
        Keys = keys;
    }

    public IReadOnlyList<AttentionMapKey> Keys { get; }

    public AttentionMap Load(AttentionMapKey key)
    {
        string stem = Path.Combine(_dir, key.VideoId, key.QuestionId.ToString(CultureInfo.InvariantCulture));
        string sidecarPath = stem + ".json";
        string? tensorPath = _reader.Extensions.Select(e => stem + e).FirstOrDefault(File.Exists)
            ?? throw new UserInputException($"attention maps: {sidecarPath} has no array file beside it ({string.Join(" or ", _reader.Extensions.Select(e => Path.GetFileName(stem + e)))}).");
        var sidecar = ReadSidecar(sidecarPath);
        var tensor = _reader.Read(tensorPath);
        return Build(key, tensor, sidecar, tensorPath, sidecarPath);
    }

    private sealed record Sidecar(ImmutableArray<int> FrameIds, ImmutableArray<string>? Axes, ImmutableArray<string>? Layers, ImmutableArray<string>? Heads, NormalizedBox? Crop);

    private static Sidecar ReadSidecar(string path)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"attention map sidecar {path} is not valid JSON: {ex.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) throw new UserInputException($"attention map sidecar {path} must be a JSON object with \"frame_ids\".");
        if (!root.TryGetProperty("frame_ids", out var frames) || frames.ValueKind != JsonValueKind.Array || frames.GetArrayLength() == 0)
        {
            throw new UserInputException($"attention map sidecar {path}: \"frame_ids\" must be a non-empty list of the video frame numbers the map frames were computed on.");
        }
        var frameIds = frames.EnumerateArray().Select(f => f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out int v) && v >= 0
            ? v : throw new UserInputException($"attention map sidecar {path}: frame id {f.GetRawText()} is not a frame number (an integer >= 0).")).ToImmutableArray();
        ImmutableArray<string>? Labels(string name)
        {
            if (!root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null) return null;
            if (e.ValueKind != JsonValueKind.Array) throw new UserInputException($"attention map sidecar {path}: \"{name}\" must be a list.");
            return [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())];
        }
        NormalizedBox? crop = null;
        if (root.TryGetProperty("crop", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            var v = c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.NaN).ToArray() : [];
            if (v.Length != 4 || v.Any(x => !(x >= 0 && x <= 1)) || !(v[2] > v[0] && v[3] > v[1]))
            {
                throw new UserInputException($"attention map sidecar {path}: \"crop\" must be [x1, y1, x2, y2] normalised to the frame with x1 < x2 and y1 < y2, got {c.GetRawText()}.");
            }
            crop = new NormalizedBox(v[0], v[1], v[2], v[3]);
        }
        return new Sidecar(frameIds, Labels("axes"), Labels("layers"), Labels("heads"), crop);
    }

    private static AttentionMap Build(AttentionMapKey key, TensorData t, Sidecar s, string tensorPath, string sidecarPath)
    {
        var shape = t.Shape;
        ImmutableArray<string> axes = s.Axes ?? (shape.Length switch
        {
            2 => ["y", "x"],
            3 => ["frame", "y", "x"],
            4 => ["layer", "frame", "y", "x"],
            5 => ["layer", "head", "frame", "y", "x"],
            _ => throw new UserInputException($"attention map {tensorPath} has {shape.Length} dimensions ({string.Join(" x ", shape)}); expected [layers?][heads?][frames][h][w] (2 to 5 dimensions)."),
        });
        string[][] allowed = [["y", "x"], ["frame", "y", "x"], ["layer", "frame", "y", "x"], ["head", "frame", "y", "x"], ["layer", "head", "frame", "y", "x"]];
        if (!allowed.Any(a => a.SequenceEqual(axes)))
        {
            throw new UserInputException($"attention map sidecar {sidecarPath}: \"axes\" [{string.Join(", ", axes)}] is not one of [y, x], [frame, y, x], [layer, frame, y, x], [head, frame, y, x], [layer, head, frame, y, x] (names from {string.Join(", ", AxisNames)}).");
        }
        if (axes.Length != shape.Length)
        {
            throw new UserInputException($"attention map {tensorPath} has shape ({string.Join(", ", shape)}) but the sidecar names {axes.Length} axes [{string.Join(", ", axes)}].");
        }
        int Dim(string name) => axes.IndexOf(name) is int i and >= 0 ? shape[i] : 1;
        int layers = Dim("layer"), heads = Dim("head"), frames = Dim("frame"), h = Dim("y"), w = Dim("x");
        if (shape.Any(d => d < 1)) throw new UserInputException($"attention map {tensorPath} has an empty axis: shape ({string.Join(", ", shape)}).");
        if (s.FrameIds.Length != frames)
        {
            throw new UserInputException($"attention map sidecar {sidecarPath} names {s.FrameIds.Length} frame ids but the map {tensorPath} has {frames} frames.");
        }
        ImmutableArray<string> Names(ImmutableArray<string>? given, int n, string what) =>
            given is { } g
                ? (g.Length == n ? g : throw new UserInputException($"attention map sidecar {sidecarPath} names {g.Length} {what}s but the map has {n}."))
                : [.. Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        return new AttentionMap(key, s.FrameIds, layers, heads, h, w, t.Values, Names(s.Layers, layers, "layer"), Names(s.Heads, heads, "head"), s.Crop);
    }
}
