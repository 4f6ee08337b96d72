using System.Security.Cryptography;
using System.Text;

namespace GapLens.Web.Security;

/// <summary>
/// Signed browser sessions without server-side state: the session cookie is a random id plus its
/// HMAC, and the anti-forgery value is another HMAC of the id, both under a key derived from the
/// store's secret and the access token (so a session survives a restart of the server, and changing
/// the token ends every session). A reviewer's cookie carries one more HMAC, of the id and the reviewer
/// token: only the reviewer link gives it, and changing the reviewer token ends reviewer rights (the
/// annotator sessions stay). Comparisons are constant-time.
/// </summary>
internal sealed class SessionKeys
{
    public const string CookieName = "gaplens_session";
    public const string CsrfHeader = "X-GapLens-Csrf";

    private readonly byte[] _key;
    private readonly string? _token;
    private readonly string? _reviewToken;

    /// <param name="reviewToken">The reviewer token: when set (with an access token), the Review and
    /// Progress pages need a reviewer session; null: every session may use them.</param>
    public SessionKeys(byte[] storeSecret, string? token, string? reviewToken = null)
    {
        if (reviewToken is not null && token is null) throw new ArgumentException("a reviewer token needs an access token", nameof(reviewToken));
        _token = token;
        _reviewToken = reviewToken;
        _key = HMACSHA256.HashData(storeSecret, Encoding.UTF8.GetBytes("gaplens-serve-session|" + (token ?? "")));
    }

    public bool TokenRequired => _token is not null;

    /// <summary>Whether Review and Progress are for reviewer sessions only.</summary>
    public bool ReviewerRequired => _reviewToken is not null;

    /// <summary>A new session (or, given <paramref name="id"/>, that session again): its id and the cookie value
    /// that carries it, with the reviewer's mark when <paramref name="reviewer"/>.</summary>
    public (string Id, string Cookie) NewSession(bool reviewer = false, string? id = null)
    {
        id ??= Base64Url(RandomNumberGenerator.GetBytes(16));
        string cookie = id + "." + Mac("session:" + id, 22);
        return (id, reviewer && ReviewerRequired ? cookie + "." + ReviewerMac(id) : cookie);
    }

    /// <summary>The session id of a cookie value and whether it is a reviewer's (always, when no reviewer
    /// token is set), or a null id when the signature does not match.</summary>
    public (string? Id, bool Reviewer) Verify(string? cookie)
    {
        if (cookie is null || cookie.Length > 100) return (null, false);
        string[] parts = cookie.Split('.');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0) return (null, false);
        string id = parts[0];
        if (!Same(parts[1], Mac("session:" + id, 22))) return (null, false);
        if (!ReviewerRequired) return (id, true);
        return (id, parts.Length == 3 && Same(parts[2], ReviewerMac(id)));
    }

    public bool ReviewTokenMatches(string? value) => _reviewToken is not null && value is not null && Same(value, _reviewToken);

    private string ReviewerMac(string id) => Mac("reviewer:" + _reviewToken + ":" + id, 22);

    /// <summary>The anti-forgery value of a session (sent by the page on every change).</summary>
    public string Csrf(string sessionId) => Mac("csrf:" + sessionId, 32);

    public bool CsrfMatches(string sessionId, string? value) => value is not null && Same(value, Csrf(sessionId));

    public bool TokenMatches(string? value) => _token is not null && value is not null && Same(value, _token);

    private string Mac(string text, int length) => Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..length];

    private static bool Same(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
