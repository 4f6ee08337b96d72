using System.Text.RegularExpressions;

namespace GapLens.Core.Text;

/// <summary>
/// Keeps secrets out of everything GapLens writes or logs: the user-info part of a URL
/// (<c>https://user:pass@host</c>) and query parameters that carry keys (<c>api-key</c>, <c>api_key</c>,
/// <c>key</c>, <c>token</c>, <c>access_token</c>, <c>sig</c>, <c>signature</c>, <c>password</c>,
/// <c>secret</c>) become <c>***</c>. Applied to every URL in any text, so a command line or an
/// exception message can be passed through whole.
/// </summary>
public static partial class Credentials
{
    public const string Mask = "***";

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*://)(?<userinfo>[^/?#@\s]*@)", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<lead>[?&;](?:api[-_]?key|key|token|access[-_]?token|sig|signature|password|passwd|secret|auth)=)(?<value>[^&#\s]*)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    /// <summary>Command-line options whose value is a secret: the value is masked wherever a command line is recorded.</summary>
    private static readonly string[] SecretOptions = ["--token", "--api-key", "--password"];

    /// <summary>A command line with credentials masked: URLs as in <see cref="Redact"/>, and the value of
    /// a secret option (<c>--token X</c>, <c>--token=X</c>).</summary>
    public static IEnumerable<string> RedactArguments(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool maskNext = false;
        foreach (string a in args)
        {
            if (maskNext)
            {
                maskNext = false;
                yield return Mask;
                continue;
            }
            string? option = Array.Find(SecretOptions, o => a == o || a.StartsWith(o + "=", StringComparison.Ordinal));
            if (option is null) yield return Redact(a);
            else if (a == option) { maskNext = true; yield return a; }
            else yield return option + "=" + Mask;
        }
    }

    /// <summary>The text with credentials in URLs replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf("://", StringComparison.Ordinal) < 0 && text.IndexOf('=') < 0) return text;
        string s = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        return SecretParameter().Replace(s, m => m.Groups["lead"].Value + Mask);
    }
}
