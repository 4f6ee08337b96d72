using System.Security.Cryptography;
using System.Text;

namespace GapLens.Web.Security;

/// <summary>
/// Signed browser sessions without server-side state: the session cookie is a random id plus its
/// HMAC, and the anti-forgery value is another HMAC of the id, both under a key derived from the
/// store's secret and the access token (so a session survives a restart of the server, and changing
/// the token ends every session). Comparisons are constant-time.
/// </summary>
internal sealed class SessionKeys
{
    public const string CookieName = "gaplens_session";
    public const string CsrfHeader = "X-GapLens-Csrf";

    private readonly byte[] _key;
    private readonly byte[]? _token;

    public SessionKeys(byte[] storeSecret, string? token)
    {
        _token = token is null ? null : Encoding.UTF8.GetBytes(token);
        _key = HMACSHA256.HashData(storeSecret, Encoding.UTF8.GetBytes("gaplens-serve-session|" + (token ?? "")));
    }

    public bool TokenRequired => _token is not null;

    /// <summary>A new session: its id and the cookie value that carries it.</summary>
    public (string Id, string Cookie) NewSession()
    {
        string id = Base64Url(RandomNumberGenerator.GetBytes(16));
        return (id, id + "." + Mac("session:" + id, 22));
    }

    /// <summary>The session id of a cookie value, or null when the signature does not match.</summary>
    public string? Verify(string? cookie)
    {
        if (cookie is null || cookie.Length > 100) return null;
        int dot = cookie.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        string id = cookie[..dot];
        return Same(cookie[(dot + 1)..], Mac("session:" + id, 22)) ? id : null;
    }

    /// <summary>The anti-forgery value of a session (sent by the page on every change).</summary>
    public string Csrf(string sessionId) => Mac("csrf:" + sessionId, 32);

    public bool CsrfMatches(string sessionId, string? value) => value is not null && Same(value, Csrf(sessionId));

    public bool TokenMatches(string? value) => _token is not null && value is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value), _token);

    private string Mac(string text, int length) => Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..length];

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
