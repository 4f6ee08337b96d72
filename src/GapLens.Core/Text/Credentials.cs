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

    /// <summary>The text with credentials in URLs replaced by <see cref="Mask"/>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.IndexOf("://", StringComparison.Ordinal) < 0 && text.IndexOf('=') < 0) return text;
        string s = UserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
        return SecretParameter().Replace(s, m => m.Groups["lead"].Value + Mask);
    }
}
