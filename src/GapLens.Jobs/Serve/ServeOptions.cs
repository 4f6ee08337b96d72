using System.Globalization;
using System.Net;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.Serve;

/// <summary>
/// Options of <c>gaplens serve</c>: the folders, where to listen (<see cref="Port"/> null: 7870, or a
/// free port when 7870 is taken; 0: a free port), the access token (required, and generated when not
/// given, whenever <see cref="Host"/> is not a loopback address), how many annotators per item, the
/// seed of the annotators' orders, how long an unanswered item stays reserved, and the reviewer token
/// (generated when not given, whenever there is an access token): only its link opens Review and
/// Progress, which show what annotators must not see while they score blind.
/// </summary>
public sealed record ServeOptions(
    string Outputs,
    string Evaluations,
    string Host = ServeOptions.Loopback,
    int? Port = null,
    string? Token = null,
    int Overlap = 1,
    ulong Seed = AnalysisDefaults.Seed,
    double LeaseMinutes = 30,
    string? ReviewToken = null) : IJobOptions
{
    /// <summary>Where <see cref="Token"/> came from, as messages name it ("--token" or "$GAPLENS_TOKEN").</summary>
    public string TokenOrigin { get; init; } = "--token";

    /// <summary>Where <see cref="ReviewToken"/> came from ("--review-token" or "$GAPLENS_REVIEW_TOKEN").</summary>
    public string ReviewTokenOrigin { get; init; } = "--review-token";

    public const string Loopback = "127.0.0.1";
    public const int DefaultPort = 7870;
    public const int MaxOverlap = 50;

    /// <summary>Whether <see cref="Host"/> only accepts connections from this machine.</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip));

    public static readonly ValueRange PortRange = ValueRange.Integers(0, 65535) with { NullMeans = "7870, or a free port when it is taken", Note = "0: any free port" };
    public static readonly ValueRange OverlapRange = ValueRange.Integers(1, MaxOverlap);
    public static readonly ValueRange LeaseMinutesRange = ValueRange.AboveUpTo(0, 1440);

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--port", Port, PortRange),
        new("--overlap", Overlap, OverlapRange),
        new("--lease-minutes", LeaseMinutes, LeaseMinutesRange),
    ];

    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public void Validate()
    {
        if (Host != "localhost" && !IPAddress.TryParse(Host, out _))
        {
            throw new UserInputException($"--host must be an IP address (127.0.0.1, 0.0.0.0 for every interface, ::) or localhost, got '{Host}'");
        }
        if (Port is < 0 or > 65535) throw new UserInputException($"--port must be 0-65535 (0: any free port), got {Port}");
        if (Token is { } t) CheckToken(TokenOrigin, t);
        if (ReviewToken is { } r)
        {
            CheckToken(ReviewTokenOrigin, r);
            if (Token is null && IsLoopback)
            {
                throw new UserInputException($"{ReviewTokenOrigin} needs an access token: give --token too (or $GAPLENS_TOKEN), or listen off loopback with --host; on loopback without a token every page is open to this machine");
            }
            if (r == Token) throw new UserInputException($"{ReviewTokenOrigin} must differ from {TokenOrigin} (annotators would get the reviewer's pages)");
        }
        if (Overlap is < 1 or > MaxOverlap) throw new UserInputException($"--overlap must be 1-{MaxOverlap} (annotators per item), got {Overlap}");
        if (!double.IsFinite(LeaseMinutes) || LeaseMinutes <= 0 || LeaseMinutes > 1440)
        {
            throw new UserInputException($"--lease-minutes must be in (0, 1440], got {LeaseMinutes.ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    private static void CheckToken(string option, string t)
    {
        if (t.Length is < 16 or > 256)
        {
            throw new UserInputException($"{option} must be 16-256 characters of letters, digits, '-', '_', '.' or '~' (it goes in a URL), got {t.Length} characters");
        }
        if (t.Count(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')) is > 0 and int bad)
        {
            throw new UserInputException($"{option} may hold only letters, digits, '-', '_', '.' and '~' (it goes in a URL); it has {bad} other character(s)");
        }
    }

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("outputs", Outputs),
        new("evaluations", Evaluations),
        new("host", Host),
        new("port", Port?.ToString(CultureInfo.InvariantCulture)),
        // Never the token itself: only whether one was given.
        new("token", Token is null ? null : "(given)"),
        new("review_token", ReviewToken is null ? null : "(given)"),
        new("overlap", Overlap.ToString(CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("lease_minutes", LeaseMinutes.ToString("R", CultureInfo.InvariantCulture)),
    ];
}
