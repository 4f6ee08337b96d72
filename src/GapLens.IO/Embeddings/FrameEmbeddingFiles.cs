using System.Collections.Immutable;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Json;

namespace GapLens.IO.Embeddings;

/// <summary>Where a video's frame embeddings live (<c>&lt;dir&gt;/&lt;key&gt;.{safetensors,pt,npy}</c>) and the
/// names inside them.</summary>
public static class FrameEmbeddingFiles
{
    public const string MatrixName = "embeddings";
    public const string FilenamesKey = "filenames";

    /// <summary>Extensions looked for, in this order.</summary>
    public static readonly ImmutableArray<string> Extensions = [".safetensors", ".pt", ".npy"];

    /// <summary>The embeddings file of <paramref name="key"/> in <paramref name="dir"/>, or null.</summary>
    public static string? Find(string dir, string key)
    {
        foreach (string ext in Extensions)
        {
            string p = Path.Combine(dir, key + ext);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    /// <summary>Opens the embeddings of one video; a user error when none exists.</summary>
    public static FrameEmbeddings OpenForKey(string dir, string key) =>
        FrameEmbeddings.Open(Find(dir, key) ?? throw new UserInputException(
            $"no embeddings for video \"{key}\" in {dir} (looked for {string.Join(", ", Extensions.Select(e => key + e))})"));

    /// <summary>The frame names as the safetensors metadata value: a compact JSON list of strings,
    /// escaped as System.Text.Json's default encoder escapes them. Written with a Utf8JsonWriter, not
    /// the reflection-based JsonSerializer, which the ahead-of-time compiled ./gaplens does not carry.</summary>
    public static string FormatFilenames(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (string n in names) w.WriteStringValue(n);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON list of strings, or an object with "filenames": that list.</summary>
    internal static ImmutableArray<string> ParseFilenames(string? json, string path, string where)
    {
        if (json is null) throw new UserInputException($"{path}: no filenames ({where} is missing); expected a JSON list of frame file names");
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(FilenamesKey, out var inner)) root = inner;
            if (root.ValueKind != JsonValueKind.Array) throw new UserInputException($"{path}: {where} holds {root.ValueKind}; expected a JSON list of frame file names");
            var b = ImmutableArray.CreateBuilder<string>(root.GetArrayLength());
            foreach (var e in root.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String) throw new UserInputException($"{path}: filename {e.GetRawText()} in {where} is not a string");
                b.Add(e.GetString()!);
            }
            return b.MoveToImmutable();
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{path}: {where} is not valid JSON ({JsonErrorText.Of(ex)})");
        }
    }
}
