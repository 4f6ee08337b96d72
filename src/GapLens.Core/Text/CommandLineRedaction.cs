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
    public static IReadOnlyList<string> SecretValues(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            var (name, attached) = Split(args[i]);
            if (name is null) continue;
            if (attached is not null) values.Add(attached);
            else if (i + 1 < args.Count) values.Add(args[++i]);
        }
        return values;
    }

    /// <summary>
    /// A parser's message with each value that may be a secret (of 4 characters or more) masked: the
    /// secret options' values, and, more loosely, the value after or attached to any option-like word
    /// that mentions a token, key, password or secret (a misspelling such as --token-review or /token:X
    /// is refused with a message that quotes what follows it).
    /// </summary>
    public static string Mask(string text, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(args);
        var values = new List<string>(SecretValues(args));
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!(a.StartsWith('-') || a.StartsWith('/'))) continue;
            int at = a.IndexOfAny(['=', ':']);
            string name = (at < 0 ? a : a[..at]).ToLowerInvariant();
            if (!LooseHints.Any(h => name.Contains(h, StringComparison.Ordinal))) continue;
            if (at >= 0) values.Add(a[(at + 1)..]);
            else if (i + 1 < args.Count) values.Add(args[i + 1]);
        }
        foreach (string secret in values.Where(v => v.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length))
        {
            text = text.Replace(secret, UrlRedaction.Mask, StringComparison.Ordinal);
        }
        return text;
    }

    private static readonly string[] LooseHints = ["token", "key", "password", "secret"];

    /// <summary>A secret option's name as written (e.g. "--token") and its attached value, if any; a null name otherwise.</summary>
    private static (string? Name, string? Attached) Split(string arg)
    {
        if (!arg.StartsWith('-')) return (null, null);
        int at = arg.IndexOfAny(['=', ':']);
        string name = at < 0 ? arg : arg[..at];
        string normalized = name.TrimStart('-').ToLowerInvariant().Replace('_', '-');
        if (normalized.Length == 0 || !SecretEndings.Any(e => normalized.EndsWith(e, StringComparison.Ordinal))) return (null, null);
        return (name, at < 0 ? null : arg[(at + 1)..]);
    }
}
