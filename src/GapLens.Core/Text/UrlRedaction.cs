using System.Text;

namespace GapLens.Core.Text;

/// <summary>
/// The one way a URL is written or logged: credentials inside it are masked. A user name and password
/// (<c>https://user:pass@host/</c>) become <c>***@</c>; the value of every query or fragment parameter
/// whose name says it is a secret (api-key, key, token, access_token, secret, password, sig, auth,
/// credential...) becomes <c>***</c>. Works on any string, valid URL or not (an invalid --base-url is
/// quoted in its error message), in one pass.
/// </summary>
public static class UrlRedaction
{
    public const string Mask = "***";

    private static readonly string[] SecretNameParts = ["key", "token", "secret", "pass", "pwd", "auth", "sig", "credential", "session"];

    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url)) return "";
        var sb = new StringBuilder(url.Length);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        int authorityStart = scheme < 0 ? 0 : scheme + 3;
        int authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        int at = authorityEnd > authorityStart ? url.LastIndexOf('@', authorityEnd - 1, authorityEnd - authorityStart) : -1;
        sb.Append(url, 0, authorityStart);
        if (at >= 0)
        {
            sb.Append(Mask).Append('@');
            sb.Append(url, at + 1, authorityEnd - at - 1);
        }
        else
        {
            sb.Append(url, authorityStart, authorityEnd - authorityStart);
        }
        int i = authorityEnd;
        int query = url.IndexOfAny(['?', '#'], i);
        if (query < 0) return sb.Append(url, i, url.Length - i).ToString();
        sb.Append(url, i, query - i);
        // Parameters of the query and of the fragment: name=value separated by & or ;.
        i = query;
        while (i < url.Length)
        {
            sb.Append(url[i]); // '?', '#', '&' or ';'
            int start = i + 1;
            int end = url.IndexOfAny(['&', ';', '#'], start);
            if (end < 0) end = url.Length;
            int eq = url.IndexOf('=', start, end - start);
            if (eq >= 0 && IsSecretName(url.AsSpan(start, eq - start)))
            {
                sb.Append(url, start, eq - start + 1).Append(Mask);
            }
            else
            {
                sb.Append(url, start, end - start);
            }
            i = end;
        }
        return sb.ToString();
    }

    public static string Redact(Uri? uri) => Redact(uri?.OriginalString);

    /// <summary>Removes a known secret (an API key) from a text, e.g. a server's error message that echoes it.</summary>
    public static string Scrub(string text, string? secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrEmpty(secret) || secret.Length < 4 ? text : text.Replace(secret, Mask, StringComparison.Ordinal);
    }

    private static bool IsSecretName(ReadOnlySpan<char> encodedName)
    {
        string name;
        try
        {
            name = Uri.UnescapeDataString(encodedName.ToString());
        }
        catch (UriFormatException)
        {
            name = encodedName.ToString();
        }
        foreach (string part in SecretNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
