using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace GapLens.Testing;

/// <summary>
/// A small video-QA data set on disk for tests of <c>gaplens videoqa run</c>, written with the BCL only:
/// <c>frames/&lt;key&gt;/frame_&lt;N&gt;.png</c> (solid 16x12 images: red inside the video's "moment", grey
/// elsewhere), <c>embeddings/&lt;key&gt;.npy</c> + <c>.json</c> (3-dimensional rows: the moment's frames point
/// along x, the others along y, so the fake server's query embeddings <c>[length, index, 0.5]</c> rank the
/// moment's frames first) and <c>data.json</c> (one question per uid, gold letter, the moment as
/// time_reference).
/// </summary>
public static class VideoQaFixture
{
    /// <summary>One question of the fixture: its uid, video, text (with options A-D) and gold letter.</summary>
    public sealed record Question(string Uid, string Key, string Text, string Answer, string? TimeReference = "00:20-00:24", string[]? Types = null);

    /// <summary>The frames of the moment (seconds 20 to 24): ids 21 to 25.</summary>
    public const int MomentStart = 20;

    public const int MomentLength = 5;

    /// <summary>Writes frames and embeddings of every video (<paramref name="frames"/> frames each) and data.json; returns data.json's path.</summary>
    public static string Write(string root, IReadOnlyList<Question> questions, int frames = 60)
    {
        ArgumentNullException.ThrowIfNull(questions);
        foreach (string key in questions.Select(q => q.Key).Distinct(StringComparer.Ordinal)) Video(root, key, frames);
        string data = Path.Combine(root, "data.json");
        var items = questions.Select(q => new Dictionary<string, object?>
        {
            ["key"] = q.Key,
            ["uid"] = q.Uid,
            ["question"] = q.Text,
            ["answer"] = q.Answer,
            ["video_info"] = new Dictionary<string, object> { ["duration_minutes"] = frames / 60.0 },
            ["question_type"] = q.Types ?? ["key information retrieval"],
            ["time_reference"] = q.TimeReference,
        }).ToList();
        File.WriteAllText(data, JsonSerializer.Serialize(items), new UTF8Encoding(false));
        return data;
    }

    /// <summary>A question text in LVBench's layout.</summary>
    public static string Text(string ask) => ask + "\n(A) red\n(B) green\n(C) blue\n(D) grey";

    /// <summary>One video: frames/&lt;key&gt;/frame_0.png ... and embeddings/&lt;key&gt;.npy + .json.</summary>
    public static void Video(string root, string key, int frames)
    {
        string dir = Path.Combine(root, "frames", key);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(Path.Combine(root, "embeddings"));
        var names = new List<string>();
        var rows = new float[frames * 3];
        for (int n = 0; n < frames; n++)
        {
            bool moment = n is >= MomentStart and < MomentStart + MomentLength;
            string name = string.Create(CultureInfo.InvariantCulture, $"frame_{n}.png");
            names.Add(name);
            File.WriteAllBytes(Path.Combine(dir, name), Png(16, 12, moment ? (byte)220 : (byte)128, moment ? (byte)40 : (byte)128, moment ? (byte)40 : (byte)(100 + n % 50)));
            rows[n * 3] = moment ? 1f : 0.1f;
            rows[n * 3 + 1] = moment ? 0.01f * (n - MomentStart) : 1f + 0.001f * n;
            rows[n * 3 + 2] = 0f;
        }
        File.WriteAllBytes(Path.Combine(root, "embeddings", key + ".npy"), Npy(rows, frames, 3));
        File.WriteAllText(Path.Combine(root, "embeddings", key + ".json"), JsonSerializer.Serialize(names), new UTF8Encoding(false));
    }

    /// <summary>A float32 C-order .npy (format 1.0).</summary>
    public static byte[] Npy(float[] values, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(values);
        string header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        ms.Write(len);
        ms.Write(Encoding.ASCII.GetBytes(header));
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        ms.Write(bytes);
        return ms.ToArray();
    }

    /// <summary>A solid-colour RGB PNG.</summary>
    public static byte[] Png(int width, int height, byte r, byte g, byte b)
    {
        using var raw = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (int x = 0; x < width; x++)
            {
                raw.WriteByte(r);
                raw.WriteByte(g);
                raw.WriteByte(b);
            }
        }
        using var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(raw.ToArray());
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", z.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(four, Crc32(typed));
        s.Write(four);
    }

    private static uint Crc32(byte[] data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte d in data)
        {
            c ^= d;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        }
        return ~c;
    }
}
