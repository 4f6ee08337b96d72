namespace GapLens.Core.Text;

/// <summary>
/// A command line as it may be recorded or echoed: every argument through
/// <see cref="UrlRedaction.Redact(string?)"/>, and the value of an option that is a secret itself
/// replaced by <see cref="UrlRedaction.Mask"/>: <c>--token X</c>, <c>--token=X</c>, <c>--token:X</c>
/// (the parser takes all three), for every option whose name ends in token, api-key, password or
/// secret, misspelt ones included (<c>--review_token X</c> is refused by the parser, whose message
/// would otherwise quote X).
/// </summary>
public static class CommandLineRedaction
{
    private static readonly string[] SecretEndings = ["token", "api-key", "apikey", "password", "secret"];

    public static IEnumerable<string> Redact(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool maskNext = false;
        foreach (string a in args)
        {
            if (maskNext)
            {
                maskNext = false;
                yield return UrlRedaction.Mask;
                continue;
            }
            var (name, attached) = Split(a);
            if (name is null) yield return UrlRedaction.Redact(a);
            else if (attached is null) { maskNext = true; yield return a; }
            else yield return a[..(name.Length + 1)] + UrlRedaction.Mask;
        }
    }

    /// <summary>The secret values on a command line (to mask wherever a message might quote them).</summary>
    public static IReadOnlyList<string> SecretValues(IReadOnlyList<string> args) => Values(args, loose: false);

    /// <summary>
    /// A parser's message with each value that may be a secret (of 4 characters or more) masked: the
    /// value after or attached to any option-like word that mentions a token, key, password or secret
    /// (which takes in every secret option's, and misspellings such as --token-review or /token:X,
    /// which the parser refuses with a message that quotes what follows them).
    /// </summary>
    public static string Mask(string text, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string secret in Values(args, loose: true).Where(v => v.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length))
        {
            text = text.Replace(secret, UrlRedaction.Mask, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The values of the secret options (<see cref="Split"/>). Strictly, a value is taken
    /// with its option and not read as an option itself; loosely, every option-like word is looked at.</summary>
    private static List<string> Values(IReadOnlyList<string> args, bool loose)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            var (name, attached) = Split(args[i], loose);
            if (name is null) continue;
            if (attached is not null) values.Add(attached);
            else if (i + 1 < args.Count) values.Add(loose ? args[i + 1] : args[++i]);
        }
        return values;
    }

    private static readonly string[] LooseHints = ["token", "key", "password", "secret"];

    /// <summary>A secret option's name as written (e.g. "--token") and its attached value ('=' or ':'),
    /// if any; a null name otherwise. Strictly: a '-' option whose name ends in token, api-key, password
    /// or secret ('_' read as '-'). Loosely: a '-' or '/' word whose name mentions a token, key,
    /// password or secret.</summary>
    private static (string? Name, string? Attached) Split(string arg, bool loose = false)
    {
        if (!(arg.StartsWith('-') || (loose && arg.StartsWith('/')))) return (null, null);
        int at = arg.IndexOfAny(['=', ':']);
        string name = at < 0 ? arg : arg[..at];
        string normalized = name.TrimStart('-', '/').ToLowerInvariant().Replace('_', '-');
        bool secret = loose
            ? LooseHints.Any(h => normalized.Contains(h, StringComparison.Ordinal))
            : SecretEndings.Any(e => normalized.EndsWith(e, StringComparison.Ordinal));
        if (normalized.Length == 0 || !secret) return (null, null);
        return (name, at < 0 ? null : arg[(at + 1)..]);
    }
}
