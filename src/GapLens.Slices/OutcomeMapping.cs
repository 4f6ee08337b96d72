using System.Collections.Frozen;
using System.Collections.Immutable;
using GapLens.Core;

namespace GapLens.Slices;

/// <summary>
/// What each value of the outcome column counts as: success, a failure of some kind, or excluded.
/// Values are compared case-insensitively with '-' and ' ' read as '_'. GapLens' own outcomes
/// (correct, wrong, unanswered, parse_failed, judge_failed, skipped) and common words (pass, fail,
/// incorrect, no_answer, ...) are known. Booleans and 0/1 are ambiguous (is 1 "correct" or "failed"?)
/// until the user names the failure or success values. With <c>--failure-values</c> only, every other
/// value is a success except known failure words (an error: list them) and skipped ones; with
/// <c>--success-values</c> only, every other value is a failure named by itself.
/// </summary>
public sealed class OutcomeMapping
{
    public const string Success = "success";
    public const string Excluded = "excluded";

    /// <summary>The failure kinds GapLens names, in report order.</summary>
    public static readonly ImmutableArray<string> KnownKinds = ["wrong", "unanswered", "parse_failed", "judge_failed"];

    private static readonly FrozenDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["correct"] = Success, ["pass"] = Success, ["passed"] = Success, ["success"] = Success, ["succeeded"] = Success, ["ok"] = Success, ["right"] = Success,
        ["wrong"] = "wrong", ["incorrect"] = "wrong", ["fail"] = "wrong", ["failed"] = "wrong", ["failure"] = "wrong",
        ["unanswered"] = "unanswered", ["no_answer"] = "unanswered", ["noanswer"] = "unanswered", ["abstain"] = "unanswered", ["abstained"] = "unanswered",
        ["parse_failed"] = "parse_failed", ["parse_error"] = "parse_failed", ["unparseable"] = "parse_failed", ["unparsable"] = "parse_failed",
        ["judge_failed"] = "judge_failed", ["judge_error"] = "judge_failed",
        ["skipped"] = Excluded, ["skip"] = Excluded, ["excluded"] = Excluded,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Booleans = new[] { "true", "false", "yes", "no", "t", "f", "y", "n", "1", "0", "1.0", "0.0" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenSet<string> _failures;
    private readonly FrozenSet<string> _successes;

    public OutcomeMapping(IEnumerable<string>? failureValues = null, IEnumerable<string>? successValues = null)
    {
        _failures = (failureValues ?? []).Select(Normalize).ToFrozenSet(StringComparer.Ordinal);
        _successes = (successValues ?? []).Select(Normalize).ToFrozenSet(StringComparer.Ordinal);
        var both = _failures.Intersect(_successes).ToList();
        if (both.Count > 0) throw new UserInputException($"--failure-values and --success-values both list '{both[0]}'");
    }

    public ImmutableArray<string> FailureValues => [.. _failures.Order(StringComparer.Ordinal)];

    public ImmutableArray<string> SuccessValues => [.. _successes.Order(StringComparer.Ordinal)];

    /// <summary>"a_b" for "A-b ", the form values are compared in.</summary>
    public static string Normalize(string value) =>
        (value ?? throw new ArgumentNullException(nameof(value))).Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');

    /// <summary>What a value counts as: <see cref="Success"/>, <see cref="Excluded"/> or a failure kind's
    /// name; or null with the reason when it cannot be decided.</summary>
    public (string? Meaning, string? Problem) Classify(string value)
    {
        string v = Normalize(value);
        Known.TryGetValue(v, out string? known);
        if (_failures.Contains(v)) return (known is not null && known != Success && known != Excluded ? known : Booleans.Contains(v) ? "wrong" : v, null);
        if (_successes.Contains(v)) return (Success, null);
        if (known == Excluded) return (Excluded, null);
        bool givenFailures = _failures.Count > 0, givenSuccesses = _successes.Count > 0;
        if (givenFailures && givenSuccesses) return (null, $"it is in neither --failure-values ({List(_failures)}) nor --success-values ({List(_successes)})");
        if (givenFailures)
        {
            if (known is not null && known != Success) return (null, $"it is a failure ({known}) but not in --failure-values ({List(_failures)}); add it there, or to --success-values");
            return (Success, null);
        }
        if (givenSuccesses) return (known is not null && known != Success ? known : v, null);
        if (known is not null) return (known, null);
        if (Booleans.Contains(v)) return (null, "true/false and 1/0 do not say which is the failure; give --failure-values (e.g. --failure-values false when the column says correct, or true when it says failed)");
        return (null, "known values: correct, pass, wrong, incorrect, fail, unanswered, no_answer, parse_failed, judge_failed, skipped; or say which values are failures with --failure-values (the others count as success)");
    }

    private static string List(FrozenSet<string> s) => string.Join(", ", s.Order(StringComparer.Ordinal));
}
