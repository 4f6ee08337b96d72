using System.Globalization;

namespace GapLens.Core.VideoQa;

/// <summary>
/// A span of a video in seconds, from a <c>time_reference</c> such as "00:15-00:19" or
/// "01:02:03-01:02:10": each end is [[h:]m:]s with optional fractional seconds, the two joined by '-'.
/// </summary>
public sealed record TimeWindow(double Start, double End)
{
    public double Length => End - Start;

    /// <summary>Whether <paramref name="seconds"/> lies in the window widened by <paramref name="tolerance"/> on both sides.</summary>
    public bool Contains(double seconds, double tolerance = 0) => seconds >= Start - tolerance && seconds <= End + tolerance;

    /// <summary>The window, or null with the reason when the text is not one.</summary>
    public static TimeWindow? TryParse(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "empty";
            return null;
        }
        string t = text.Trim();
        // The separator is the '-' that is not a sign: "00:15-00:19", "15 - 19".
        int dash = t.IndexOf('-', 1);
        if (dash < 0)
        {
            problem = $"'{text}' is not a window: expected start-end as hh:mm:ss-hh:mm:ss (or mm:ss, or seconds)";
            return null;
        }
        double? start = Clock(t[..dash]);
        double? end = Clock(t[(dash + 1)..]);
        if (start is null || end is null)
        {
            problem = $"'{text}' is not a window: expected start-end as hh:mm:ss-hh:mm:ss (or mm:ss, or seconds)";
            return null;
        }
        if (end < start)
        {
            problem = $"'{text}' ends before it starts";
            return null;
        }
        return new TimeWindow(start.Value, end.Value);
    }

    /// <summary>"[[h:]m:]s" in seconds; minutes and seconds below 60 when a larger unit is given.</summary>
    internal static double? Clock(string text)
    {
        string[] parts = text.Trim().Split(':');
        if (parts.Length is < 1 or > 3) return null;
        double total = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            string p = parts[i].Trim();
            bool last = i == parts.Length - 1;
            if (p.Length == 0 || p[0] is '+' or '-') return null;
            if (!double.TryParse(p, last ? NumberStyles.AllowDecimalPoint : NumberStyles.None, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v)) return null;
            if (i > 0 && v >= 60) return null;
            total = total * 60 + v;
        }
        return total;
    }

    /// <summary>Seconds as h:mm:ss (or m:ss under an hour), rounded down to the second.</summary>
    public static string Format(double seconds)
    {
        long s = (long)Math.Floor(Math.Max(0, seconds));
        return s >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
    }
}
