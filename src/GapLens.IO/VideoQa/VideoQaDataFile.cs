using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.VideoQa;
using GapLens.IO.Files;
using GapLens.Core.Json;

namespace GapLens.IO.VideoQa;

/// <summary>
/// Reads the questions of a video-QA evaluation (spec 03) from either
/// <list type="bullet">
/// <item>a JSON array of items <c>{key, uid, question, answer, video_info: {duration_minutes},
/// question_type?: [...], time_reference?: "hh:mm:ss-hh:mm:ss"}</c>, or</item>
/// <item>LVBench's own <c>video_info.meta.jsonl</c>: one video per line <c>{key, type, video_info,
/// qa: [{uid, question, answer, question_type, time_reference}]}</c>, flattened in file order.</item>
/// </list>
/// (A JSON array of video entries and JSON Lines of items are read too.) A file that is not one of
/// these, or an entry without a required field of the right type, is a user error naming the file,
/// the line or item and the field. Problems of single items (a duplicate uid, an answer that is not
/// one of the question's option letters, no options, an unreadable time_reference) are collected, not
/// thrown: the caller lists them and decides (a strict run stops).
/// </summary>
public static class VideoQaDataFile
{
    public const string ArrayFormat = "json-array";
    public const string MetaFormat = "lvbench-meta-jsonl";

    public static VideoQaData Read(string path)
    {
        byte[] bytes;
        using (var fs = InputFile.OpenForReading(path, "--data", "a JSON array of questions or LVBench's video_info.meta.jsonl"))
        {
            using var ms = new MemoryStream();
            fs.CopyTo(ms);
            bytes = ms.ToArray();
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new UserInputException($"--data {path} is not UTF-8 text");
        }
        string trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0) throw new UserInputException($"--data {path} is empty: expected a JSON array of questions or LVBench's video_info.meta.jsonl");
        var reader = new Reader(path);
        if (trimmed[0] == '[')
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(trimmed, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw new UserInputException($"--data {path}: not valid JSON ({JsonErrorText.Of(ex)})");
            }
            using (doc)
            {
                int i = 0;
                foreach (var e in doc.RootElement.EnumerateArray()) reader.Entry(e, $"{Path.GetFileName(path)} item {++i}");
            }
            return reader.Finish(ArrayFormat);
        }
        int lineNo = 0;
        foreach (string raw in text.Split('\n'))
        {
            lineNo++;
            string line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                throw new UserInputException($"{path}:{lineNo}: not a JSON object ({JsonErrorText.Of(ex)}); expected a JSON array of questions or one video per line as in LVBench's video_info.meta.jsonl");
            }
            using (doc) reader.Entry(doc.RootElement, $"{Path.GetFileName(path)}:{lineNo}");
        }
        return reader.Finish(MetaFormat);
    }


    private sealed class Reader(string path)
    {
        private readonly string _name = Path.GetFileName(path);

        private readonly ImmutableArray<QaItem>.Builder _items = ImmutableArray.CreateBuilder<QaItem>();
        private readonly List<QaItemProblem> _problems = [];
        private readonly Dictionary<string, string> _uids = new(StringComparer.Ordinal);

        /// <summary>Where an entry is, for a message: its place (which starts with the file's name) with the
        /// file's full path in place of that name, e.g. "/data/lv.json item 3" or "/data/meta.jsonl:7".</summary>
        private string At(string where) => where.StartsWith(_name, StringComparison.Ordinal) ? path + where[_name.Length..] : $"{where} of {path}";

        /// <summary>A video entry (with "qa") or one item.</summary>
        public void Entry(JsonElement e, string where)
        {
            if (e.ValueKind != JsonValueKind.Object) throw new UserInputException($"{At(where)}: expected a JSON object, got {Kind(e)}");
            if (e.TryGetProperty("qa", out var qa))
            {
                if (qa.ValueKind != JsonValueKind.Array) throw new UserInputException($"{At(where)}: \"qa\" must be an array of questions, got {Kind(qa)}");
                string key = RequiredString(e, "key", where);
                double? duration = Duration(e, where);
                string? genre = OptionalString(e, "type", where) ?? OptionalString(e, "genre", where);
                int j = 0;
                foreach (var q in qa.EnumerateArray())
                {
                    string at = $"{where} qa {++j}";
                    if (q.ValueKind != JsonValueKind.Object) throw new UserInputException($"{at} of {path}: expected a JSON object, got {Kind(q)}");
                    Item(q, at, key, duration, genre);
                }
                return;
            }
            Item(e, where, RequiredString(e, "key", where), Duration(e, where), OptionalString(e, "genre", where) ?? OptionalString(e, "type", where));
        }

        private void Item(JsonElement q, string where, string key, double? duration, string? genre)
        {
            string uid = Uid(q, where);
            string question = RequiredString(q, "question", where);
            string answerRaw = RequiredString(q, "answer", where);
            var types = Types(q, where);
            string? timeRef = OptionalString(q, "time_reference", where);
            if (q.TryGetProperty("video_info", out _)) duration = Duration(q, where) ?? duration;
            var options = QuestionOptions.Letters(question);
            string answer = answerRaw.Trim().Trim('(', ')', '.').ToUpperInvariant();
            bool skip = false;
            void Problem(string message, bool skips)
            {
                _problems.Add(new QaItemProblem(uid, key, where, message, skips));
                skip |= skips;
            }
            if (key.Trim().Length == 0 || key.IndexOfAny(['/', '\\']) >= 0 || key is "." or "..") Problem($"key '{key}' cannot name a frames folder (expected a non-empty name without '/')", true);
            if (_uids.TryGetValue(uid, out string? first)) Problem($"duplicate uid {uid} (first at {first}); uids must be unique, this one is left out", true);
            else _uids[uid] = where;
            if (options.IsEmpty) Problem("the question lists no options: expected lines \"(A) ...\", \"(B) ...\" in its text", true);
            else if (answer.Length != 1 || !options.Contains(answer[0])) Problem($"answer '{answerRaw}' is not one of the question's option letters {string.Join(", ", options)}", true);
            TimeWindow? window = null;
            if (timeRef is not null)
            {
                window = TimeWindow.TryParse(timeRef, out string? why);
                if (window is null) Problem($"time_reference {why}; the item runs but its retrieval is not scored", false);
            }
            if (skip) return;
            _items.Add(new QaItem(key, uid, question, answer, options, types, duration, timeRef, window, genre, where));
        }

        public VideoQaData Finish(string format) => new(_items.ToImmutable(), [.. _problems], format);

        private string Uid(JsonElement q, string where)
        {
            if (!q.TryGetProperty("uid", out var u)) throw new UserInputException($"{At(where)}: no \"uid\" (every question needs a unique id)");
            return u.ValueKind switch
            {
                JsonValueKind.String when u.GetString()!.Trim().Length > 0 => u.GetString()!.Trim(),
                JsonValueKind.Number when u.TryGetInt64(out long n) => n.ToString(CultureInfo.InvariantCulture),
                _ => throw new UserInputException($"{At(where)}: \"uid\" must be a non-empty string or an integer, got {Kind(u)} {Shown(u)}"),
            };
        }

        private double? Duration(JsonElement e, string where)
        {
            if (!e.TryGetProperty("video_info", out var info) || info.ValueKind == JsonValueKind.Null) return null;
            if (info.ValueKind != JsonValueKind.Object) throw new UserInputException($"{At(where)}: \"video_info\" must be an object, got {Kind(info)}");
            if (!info.TryGetProperty("duration_minutes", out var d) || d.ValueKind == JsonValueKind.Null) return null;
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetDouble(out double minutes) || !double.IsFinite(minutes) || minutes <= 0)
            {
                throw new UserInputException($"{At(where)}: video_info.duration_minutes must be a positive number, got {Shown(d)}");
            }
            return minutes * 60;
        }

        private ImmutableArray<string> Types(JsonElement q, string where)
        {
            if (!q.TryGetProperty("question_type", out var t) || t.ValueKind == JsonValueKind.Null) return [];
            if (t.ValueKind == JsonValueKind.String) return t.GetString()!.Trim().Length == 0 ? [] : [t.GetString()!.Trim()];
            if (t.ValueKind != JsonValueKind.Array) throw new UserInputException($"{At(where)}: \"question_type\" must be a list of strings, got {Kind(t)}");
            var list = new List<string>();
            foreach (var x in t.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.String) throw new UserInputException($"{At(where)}: \"question_type\" must be a list of strings, got an item {Kind(x)} {Shown(x)}");
                string s = x.GetString()!.Trim();
                if (s.Length > 0 && !list.Contains(s, StringComparer.Ordinal)) list.Add(s);
            }
            return [.. list];
        }

        private string RequiredString(JsonElement e, string name, string where)
        {
            if (!e.TryGetProperty(name, out var v)) throw new UserInputException($"{At(where)}: no \"{name}\"");
            if (v.ValueKind != JsonValueKind.String) throw new UserInputException($"{At(where)}: \"{name}\" must be a string, got {Kind(v)} {Shown(v)}");
            return v.GetString()!;
        }

        private string? OptionalString(JsonElement e, string name, string where)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) throw new UserInputException($"{At(where)}: \"{name}\" must be a string, got {Kind(v)} {Shown(v)}");
            string s = v.GetString()!.Trim();
            return s.Length == 0 ? null : s;
        }

        private static string Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

        private static string Shown(JsonElement e)
        {
            string raw = e.GetRawText();
            return raw.Length > 60 ? raw[..57] + "..." : raw;
        }
    }
}
