using System.Collections.Frozen;

namespace GapLens.Video.Metrics;

/// <summary>LVBench's six question types and their short names (the leaderboard's keys).</summary>
public static class QuestionTypes
{
    private static readonly FrozenDictionary<string, string> Short = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["key information retrieval"] = "KIR",
        ["event understanding"] = "EU",
        ["summarization"] = "Sum",
        ["entity recognition"] = "ER",
        ["reasoning"] = "Rea",
        ["temporal grounding"] = "TG",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>"KIR" for "key information retrieval"; any other type as it is.</summary>
    public static string ShortName(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Short.TryGetValue(type.Trim(), out string? s) ? s : type;
    }
}
