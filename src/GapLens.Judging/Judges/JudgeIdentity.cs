namespace GapLens.Judging.Judges;

/// <summary>
/// The part of a judge's identity that shapes its verdicts: who judged (judge kind, model id), with
/// which prompt (template id and hash) or calibration, at which temperature. The endpoint's address
/// and retry settings are left out: the same model behind another URL judges the same way. Resume
/// counts an item done only when the identity recorded in its score file matches this.
/// </summary>
public static class JudgeIdentity
{
    private static readonly HashSet<string> NotShaping = new(StringComparer.Ordinal) { "base_url", "max_retries" };

    public static SortedDictionary<string, string> Shaping(IReadOnlyDictionary<string, string> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var d = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in identity)
        {
            if (!NotShaping.Contains(k)) d[k] = v;
        }
        return d;
    }

    /// <summary>Whether a recorded identity (null: none, e.g. a file VMEvalKit wrote) is this judge's.</summary>
    public static bool Same(IReadOnlyDictionary<string, string>? recorded, IReadOnlyDictionary<string, string> current) =>
        recorded is not null && Shaping(recorded).SequenceEqual(Shaping(current));

    /// <summary>"model gpt-4o, template gaplens.vmeval.final-frame/1" for messages.</summary>
    public static string Describe(IReadOnlyDictionary<string, string>? identity) =>
        identity is null || identity.Count == 0
            ? "no recorded judge"
            : string.Join(", ", Shaping(identity).Where(kv => kv.Key is "judge" or "model" or "prompt_template").Select(kv => $"{kv.Key} {kv.Value}"));
}
