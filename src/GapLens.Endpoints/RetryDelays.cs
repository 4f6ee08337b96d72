using System.Globalization;
using System.Net.Http.Headers;

namespace GapLens.Endpoints;

/// <summary>
/// The wait a server asks for before a retry (<c>retry-after-ms</c>, or <c>Retry-After</c> in seconds,
/// fractions allowed, or as an HTTP date), capped by the largest wait allowed: a
/// <c>Retry-After: 100000</c> waits the cap, not 28 hours. Null when the server asks nothing usable
/// (then the exponential backoff with jitter decides).
/// </summary>
internal static class RetryDelays
{
    public static TimeSpan? FromHeaders(HttpResponseHeaders? headers, TimeSpan cap, DateTimeOffset now)
    {
        if (headers is null) return null;
        TimeSpan? asked = null;
        if (headers.TryGetValues("retry-after-ms", out var ms) && TryNumber(ms.FirstOrDefault(), out double millis))
        {
            asked = TimeSpan.FromMilliseconds(Math.Min(millis, cap.TotalMilliseconds));
        }
        else if (headers.TryGetValues("Retry-After", out var ra))
        {
            string? value = ra.FirstOrDefault()?.Trim();
            if (TryNumber(value, out double seconds)) asked = TimeSpan.FromSeconds(Math.Min(seconds, cap.TotalSeconds));
            else if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) asked = date - now;
        }
        if (asked is not { } wait) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > cap ? cap : wait;
    }

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
