using System.Globalization;

namespace GapLens.Video.Frames;

/// <summary>
/// Frame file names <c>frame_&lt;N&gt;.jpg</c>. N is the frame's index at the sampling rate the frames
/// were extracted with, counted from 0 at the start of the video: the frame shows the video at
/// t = N / fps seconds (so at fps 1, N is the second). See docs/videoqa.md.
/// </summary>
public static class FrameName
{
    public const string Prefix = "frame_";

    /// <summary><c>frame_&lt;N&gt;.jpg</c>.</summary>
    public static string Format(long number) => Prefix + number.ToString(CultureInfo.InvariantCulture) + ".jpg";

    /// <summary>N of <c>frame_&lt;N&gt;.jpg</c> (also .jpeg and .png, any case; a bare file name or a path),
    /// or null for any other name.</summary>
    public static long? TryParse(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string name = Path.GetFileName(fileName);
        string ext = Path.GetExtension(name);
        if (!ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase) && !ext.Equals(".jpeg", StringComparison.OrdinalIgnoreCase) && !ext.Equals(".png", StringComparison.OrdinalIgnoreCase)) return null;
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var digits = name.AsSpan(Prefix.Length, name.Length - Prefix.Length - ext.Length);
        if (digits.IsEmpty || digits.Length > 18) return null;
        foreach (char c in digits)
        {
            if (c is < '0' or > '9') return null;
        }
        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The time in the video that frame N shows, in seconds: N / fps.</summary>
    public static double Seconds(long number, double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        return number / fps;
    }
}
