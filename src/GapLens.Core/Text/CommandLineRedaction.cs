namespace GapLens.Core.Text;

/// <summary>
/// A command line as it may be recorded: every argument through <see cref="UrlRedaction.Redact(string?)"/>,
/// and the value of an option that is a secret itself (<c>--token X</c>, <c>--token=X</c>,
/// <c>--api-key</c>, <c>--password</c>) replaced by <see cref="UrlRedaction.Mask"/>.
/// </summary>
public static class CommandLineRedaction
{
    private static readonly string[] SecretOptions = ["--token", "--review-token", "--api-key", "--password"];

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
            string? option = Array.Find(SecretOptions, o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal));
            if (option is null) yield return UrlRedaction.Redact(a);
            else if (a == option) { maskNext = true; yield return a; }
            else yield return option + "=" + UrlRedaction.Mask;
        }
    }
}
