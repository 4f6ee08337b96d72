using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GapLens.Endpoints;

/// <summary>
/// What a 2xx body must look like to count as a reply, by the path called: valid UTF-8 JSON, an
/// object, not an error object; /chat/completions has a non-empty <c>choices</c> array whose first item
/// has a <c>message</c> object; /embeddings has a non-empty <c>data</c> array of <c>embedding</c>
/// values (float arrays or base64); /models has a <c>data</c> array. Returns what is wrong in a few words, or null.
/// </summary>
internal static class ReplyShape
{
    public static string? Problem(string path, ReadOnlyMemory<byte> body, string? contentType)
    {
        string type = contentType is null ? "" : $", Content-Type {contentType}";
        if (body.Length == 0) return $"the body is empty{type}";
        if (!Utf8.IsValid(body.Span)) return $"the body is not valid UTF-8{type}";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return $"the body is not JSON{type}";
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return $"the body is JSON but not an object ({root.ValueKind.ToString().ToLowerInvariant()})";
            bool chat = path.EndsWith("/chat/completions", StringComparison.Ordinal);
            bool embeddings = path.EndsWith("/embeddings", StringComparison.Ordinal);
            bool models = path.EndsWith("/models", StringComparison.Ordinal);
            string listKey = chat ? "choices" : "data";
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null && !root.TryGetProperty(listKey, out _))
            {
                return $"the body is an error: {ErrorText(error)}";
            }
            if (!chat && !embeddings && !models) return null;
            if (!root.TryGetProperty(listKey, out var list) || list.ValueKind != JsonValueKind.Array) return $"the body has no \"{listKey}\" array";
            if (models) return null;
            if (list.GetArrayLength() == 0) return $"\"{listKey}\" is empty";
            var first = list[0];
            if (chat && (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("message", out var m) || m.ValueKind != JsonValueKind.Object))
            {
                return "choices[0] has no \"message\" object";
            }
            if (embeddings && (first.ValueKind != JsonValueKind.Object || !first.TryGetProperty("embedding", out var e) || e.ValueKind is not (JsonValueKind.Array or JsonValueKind.String)))
            {
                return "data[0] has no \"embedding\"";
            }
            return null;
        }
    }

    /// <summary>The message of an error body ({"error": {"message": ...}}, {"message": ...},
    /// {"detail": ...} or plain text) on one line, at most <paramref name="max"/> characters.</summary>
    public static string ErrorMessage(ReadOnlySpan<byte> body, int max = 300)
    {
        string text;
        try
        {
            using var doc = JsonDocument.Parse(body.ToArray());
            var root = doc.RootElement;
            text = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? ErrorText(e)
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var d) ? (d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetRawText())
                : root.GetRawText();
        }
        catch (JsonException)
        {
            text = Encoding.UTF8.GetString(body);
        }
        return OneLine(text, max);
    }

    /// <summary>A body as text for a failure record: invalid bytes as U+FFFD, at most <paramref name="max"/> characters.</summary>
    public static string RawText(ReadOnlySpan<byte> body, int max)
    {
        // Decode a little more than needed: a multi-byte character never costs more than 4 bytes.
        var head = body.Length > max * 4L ? body[..(max * 4)] : body;
        string text = Encoding.UTF8.GetString(head);
        return text.Length > max ? string.Concat(text.AsSpan(0, max), "...") : head.Length < body.Length ? text + "..." : text;
    }

    public static string OneLine(string text, int max)
    {
        var sb = new StringBuilder(Math.Min(text.Length, max + 3));
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            if (sb.Length >= max)
            {
                sb.Append("...");
                break;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string ErrorText(JsonElement error) =>
        error.ValueKind == JsonValueKind.String ? error.GetString()!
        : error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()!
        : error.GetRawText();
}
