using System.Text.Json;

namespace GapLens.Judging.Judges;

/// <summary>
/// Strict reading of a judge's reply: the first JSON object in it (code fences allowed) must hold
/// an integer score 1-5 under the expected key. Anything else (no JSON, a score of 7, "4" as a string,
/// a refusal) is a failure that keeps the raw reply, never a score.
/// </summary>
public static class ReplyParser
{
    public static JudgeOutcome Parse(string? reply, string scoreKey, string evaluationType)
    {
        if (string.IsNullOrWhiteSpace(reply)) return JudgeOutcome.Failed("empty reply", reply);
        int start = reply.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(reply[start..]), new JsonReaderOptions { AllowTrailingCommas = false });
            try
            {
                using var doc = JsonDocument.ParseValue(ref reader);
                var root = doc.RootElement;
                if (!root.TryGetProperty(scoreKey, out var s)) return JudgeOutcome.Failed($"reply JSON has no \"{scoreKey}\"", reply);
                if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out int score))
                {
                    return JudgeOutcome.Failed($"\"{scoreKey}\" must be an integer 1-5, got {s.GetRawText()}", reply);
                }
                if (score is < 1 or > 5) return JudgeOutcome.Failed($"\"{scoreKey}\" must be 1-5, got {score}", reply);
                string explanation = root.TryGetProperty("explanation", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
                return JudgeOutcome.Scored(score, explanation, evaluationType);
            }
            catch (JsonException)
            {
                start = reply.IndexOf('{', start + 1);
            }
        }
        return JudgeOutcome.Failed("reply has no JSON object", reply);
    }
}
