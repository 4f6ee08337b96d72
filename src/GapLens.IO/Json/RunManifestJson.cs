using System.Collections.Immutable;
using System.Text.Json;
using GapLens.Core.Runs;

namespace GapLens.IO.Json;

/// <summary>
/// Writes a run record (gaplens_run.json, and its one-line form): the same bytes as
/// <see cref="GapLensJson"/>, by walking the manifest with one <see cref="Utf8JsonWriter"/>, because
/// every job writes one when it ends and the serializer's start-up (metadata for each property type)
/// cost a cold process more than the rest of committing its outputs. Reading a record
/// (<see cref="GapLensJson.ReadManifest"/>) still goes through the serializer. Tests compare the two
/// writers byte for byte on a record that sets every property.
/// </summary>
public static class RunManifestJson
{
    /// <summary>The record's bytes; an indented record ends in a newline like every indented GapLens document.</summary>
    public static byte[] Serialize(RunManifest manifest, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return JsonWalk.ToBytes(manifest, indented, 4096, Write);
    }

    public static string SerializeToString(RunManifest manifest, bool indented = true) =>
        System.Text.Encoding.UTF8.GetString(Serialize(manifest, indented));

    private static void Write(Utf8JsonWriter w, RunManifest m)
    {
        w.WriteStartObject();
        w.WriteString("format", m.Format);
        w.WriteStartObject("tool");
        w.WriteString("name", m.Tool.Name);
        w.WriteString("version", m.Tool.Version);
        w.WriteString("commit", m.Tool.Commit);
        w.WriteEndObject();
        w.WriteString("verb", m.Verb);
        w.WriteStartArray("command_line");
        foreach (var arg in Items(m.CommandLine, "command_line")) w.WriteStringValue(arg);
        w.WriteEndArray();
        Map(w, "options", m.Options);
        Files(w, "inputs", m.Inputs);
        Files(w, "outputs", m.Outputs);
        if (m.Seed is { } seed) w.WriteNumber("seed", seed);
        else w.WriteNull("seed");
        Map(w, "judge", m.Judge);
        w.WriteStartObject("host");
        w.WriteString("os", m.Host.Os);
        w.WriteString("runtime", m.Host.Runtime);
        w.WriteNumber("processors", m.Host.Processors);
        w.WriteEndObject();
        w.WriteString("started_utc", m.StartedUtc);
        if (m.EndedUtc is { } ended) w.WriteString("ended_utc", ended);
        else w.WriteNull("ended_utc");
        if (m.Outcome is { } o)
        {
            w.WriteStartObject("outcome");
            w.WriteString("status", Name(o.Status));
            w.WriteNumber("exit_code", o.ExitCode);
            w.WriteString("headline", o.Headline);
            w.WriteString("message", o.Message);
            w.WriteEndObject();
        }
        else w.WriteNull("outcome");
        w.WriteEndObject();
    }

    private static void Files(Utf8JsonWriter w, string name, ImmutableArray<RunFile> files)
    {
        w.WriteStartArray(name);
        foreach (var f in Items(files, name))
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            w.WriteString("kind", Name(f.Kind));
            w.WriteNumber("bytes", f.Bytes);
            w.WriteString("xxh128", f.Xxh128);
            if (f.Files is { } count) w.WriteNumber("files", count);
            else w.WriteNull("files");
            w.WriteString("role", f.Role);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // Options and judge: a sorted dictionary, written in its order (the serializer's too).
    private static void Map<TValue>(Utf8JsonWriter w, string name, ImmutableSortedDictionary<string, TValue>? map) where TValue : class?
    {
        if (map is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartObject(name);
        foreach (var (key, value) in map) w.WriteString(key, value as string);
        w.WriteEndObject();
    }

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> values, string name) => JsonWalk.Items(values, "run record", name);

    private static string Name(RunFileKind k) => k switch
    {
        RunFileKind.File => "file",
        RunFileKind.Folder => "folder",
        RunFileKind.Missing => "missing",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "run record: unknown file kind"),
    };

    private static string Name(RunStatus s) => s switch
    {
        RunStatus.Passed => "passed",
        RunStatus.GateFailed => "gate_failed",
        RunStatus.UserError => "user_error",
        RunStatus.InternalError => "internal_error",
        RunStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "run record: unknown status"),
    };
}
