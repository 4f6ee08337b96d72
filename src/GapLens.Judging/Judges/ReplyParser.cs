using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GapLens.Judging.Judges;

/// <summary>
/// Strict reading of a judge's reply: the first JSON object in it (code fences and prose around it
/// allowed) must hold an integer score 1-5 under the expected key, once. Anything else (no JSON, a
/// score of 7, "4" as a string, a key given twice as in <c>{"score":1,"score":5}</c>, a refusal, a reply
/// longer than <see cref="MaxReplyChars"/>) is a failure that keeps the raw reply, never a score.
/// Linear in the reply and bounded: it is encoded once; only a "{" followed by '"' or '}' is tried as
/// the start of an object; the search stops after <see cref="MaxAttempts"/> failed tries or when the bytes
/// examined exceed a fixed multiple of the reply's length (160 KB of "{" costs a millisecond, not 39 s).
/// </summary>
public static class ReplyParser
{
    /// <summary>The longest reply read, in characters: a verdict is a few hundred.</summary>
    public const int MaxReplyChars = 64 * 1024;

    /// <summary>Candidate objects tried before giving up (each failed try costs an exception).</summary>
    private const int MaxAttempts = 256;

    /// <summary>How much of an over-long reply is kept as its raw text.</summary>
    private const int KeptChars = 4_096;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static JudgeOutcome Parse(string? reply, string scoreKey, string evaluationType, int maxChars = MaxReplyChars) =>
        Parse(reply, scoreKey, evaluationType, maxChars, out _);

    /// <summary>The same, with the work it did: the bytes the JSON reader examined and the candidate
    /// objects it tried (tests check the bound on them instead of a wall-clock time).</summary>
    internal static JudgeOutcome Parse(string? reply, string scoreKey, string evaluationType, int maxChars, out (long Bytes, int Attempts) work)
    {
        work = (0, 0);
        if (string.IsNullOrWhiteSpace(reply)) return JudgeOutcome.Failed("empty reply", reply);
        if (reply.Length > maxChars)
        {
            return JudgeOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"reply is {reply.Length} characters, more than the {maxChars} a verdict may have"),
                string.Concat(reply.AsSpan(0, KeptChars), "..."));
        }
        byte[] utf8 = Encoding.UTF8.GetBytes(reply);
        long initial = WorkBound(utf8.Length);
        long budget = initial;
        int attempts = 0;
        for (int start = Array.IndexOf(utf8, (byte)'{'); start >= 0 && budget > 0 && attempts < MaxAttempts; start = Array.IndexOf(utf8, (byte)'{', start + 1))
        {
            if (!CanStartObject(utf8, start)) continue;
            attempts++;
            int length = ObjectLength(utf8.AsSpan(start), ref budget);
            work = (initial - budget, attempts);
            if (length > 0) return Verdict(utf8.AsMemory(start, length), reply, scoreKey, evaluationType);
        }
        work = (initial - budget, attempts);
        return JudgeOutcome.Failed("reply has no JSON object", reply);
    }

    /// <summary>The most bytes the JSON reader may examine for a reply of this many bytes (it may overshoot
    /// by one candidate's length, itself at most the reply).</summary>
    internal static long WorkBound(int replyBytes) => 8L * replyBytes + 1024;

    internal const int AttemptLimit = MaxAttempts;

    /// <summary>A JSON object opens with "{", optional white space, then '"' or '}': other braces (LaTeX,
    /// prose, a run of "{") are skipped without asking the JSON reader.</summary>
    private static bool CanStartObject(byte[] utf8, int start)
    {
        for (int i = start + 1; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r') continue;
            return b is (byte)'"' or (byte)'}';
        }
        return false;
    }

    /// <summary>The length of the JSON object that starts the span, or -1 when it does not start one;
    /// the bytes examined are taken from <paramref name="budget"/>.</summary>
    private static int ObjectLength(ReadOnlySpan<byte> span, ref long budget)
    {
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            reader.Read();
            reader.Skip();
            budget -= reader.BytesConsumed;
            return (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            budget -= reader.BytesConsumed + 1;
            return -1;
        }
    }

    private static JudgeOutcome Verdict(ReadOnlyMemory<byte> json, string reply, string scoreKey, string evaluationType)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Strict);
        }
        catch (JsonException)
        {
            // The reader already accepted the syntax: what the strict parse rejects is a repeated key.
            return JudgeOutcome.Failed("reply JSON has a duplicate key", reply);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (!root.TryGetProperty(scoreKey, out var s)) return JudgeOutcome.Failed($"reply JSON has no \"{scoreKey}\"", reply);
            if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int score))
            {
                return JudgeOutcome.Failed($"\"{scoreKey}\" must be an integer 1-5, got {s.GetRawText()}", reply);
            }
            if (score is < 1 or > 5) return JudgeOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"\"{scoreKey}\" must be 1-5, got {score}"), reply);
            string explanation = root.TryGetProperty("explanation", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
            return JudgeOutcome.Scored(score, explanation, evaluationType);
        }
    }
}
