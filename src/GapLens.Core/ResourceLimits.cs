using System.Globalization;

namespace GapLens.Core;

/// <summary>
/// The limits that keep one bad input from taking the machine: the largest single record read into
/// memory, the largest image decoded, and how long and how much an ffmpeg call may run and write.
/// Each is set by an environment variable (docs/limits.md lists them with their defaults); a value
/// that does not parse is a user error naming the variable. Past a limit an input is refused with one
/// line naming it and the variable to raise, never a crash or a hang.
/// </summary>
/// <param name="MaxRecordBytes">The largest single record held in memory: one item of a predictions
/// file, one row of inference.csv, one score file.</param>
/// <param name="MaxImagePixels">The largest image (width x height) decoded; the header is read first.</param>
/// <param name="FfmpegTimeout">How long one ffmpeg call may run before it is stopped.</param>
/// <param name="FfmpegMaxOutputBytes">How many bytes of frames one ffmpeg call may write.</param>
public sealed record ResourceLimits(long MaxRecordBytes, long MaxImagePixels, TimeSpan FfmpegTimeout, long FfmpegMaxOutputBytes)
{
    public const string MaxRecordBytesVariable = "GAPLENS_MAX_RECORD_BYTES";
    public const string MaxImagePixelsVariable = "GAPLENS_MAX_IMAGE_PIXELS";
    public const string FfmpegTimeoutVariable = "GAPLENS_FFMPEG_TIMEOUT_SECONDS";
    public const string FfmpegMaxOutputBytesVariable = "GAPLENS_FFMPEG_MAX_OUTPUT_BYTES";

    /// <summary>64 MiB per record, 100 megapixels per image, 120 s and 1 GiB per ffmpeg call.</summary>
    public static ResourceLimits Defaults { get; } = new(64L << 20, 100_000_000, TimeSpan.FromSeconds(120), 1L << 30);

    private static readonly Lazy<ResourceLimits> FromProcess = new(() => FromEnvironment(Environment.GetEnvironmentVariable));

    /// <summary>The limits of this process: the defaults, overridden by the environment variables.</summary>
    public static ResourceLimits Current => FromProcess.Value;

    /// <summary>Reads the variables through <paramref name="variable"/> (unset or empty: the default).</summary>
    public static ResourceLimits FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        var d = Defaults;
        return new ResourceLimits(
            Size(variable, MaxRecordBytesVariable, d.MaxRecordBytes, "bytes"),
            Size(variable, MaxImagePixelsVariable, d.MaxImagePixels, "pixels"),
            Seconds(variable, FfmpegTimeoutVariable, d.FfmpegTimeout),
            Size(variable, FfmpegMaxOutputBytesVariable, d.FfmpegMaxOutputBytes, "bytes"));
    }

    /// <summary>A size as people write it: 1048576, 64K, 64M, 2G (binary multiples), at least 1.</summary>
    private static long Size(Func<string, string?> variable, string name, long fallback, string unit)
    {
        string? text = variable(name)?.Trim();
        if (string.IsNullOrEmpty(text)) return fallback;
        long scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 1 || n > long.MaxValue / scale)
        {
            throw new UserInputException($"environment variable {name}='{text}' is not a whole number of {unit} >= 1 (e.g. {fallback}, or with a suffix K, M or G); unset it for the default {Describe(fallback, unit)}");
        }
        return n * scale;
    }

    private static TimeSpan Seconds(Func<string, string?> variable, string name, TimeSpan fallback)
    {
        string? text = variable(name)?.Trim();
        if (string.IsNullOrEmpty(text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !double.IsFinite(s) || s <= 0 || s > 86_400)
        {
            throw new UserInputException($"environment variable {name}='{text}' is not a number of seconds in (0, 86400]; unset it for the default {fallback.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        return TimeSpan.FromSeconds(s);
    }

    /// <summary>Why an image of this size is not decoded, or null when it is within
    /// <see cref="MaxImagePixels"/> (callers read the size from the file's header first).</summary>
    public string? ImageTooLarge(string path, int width, int height)
    {
        long pixels = (long)width * height;
        if (pixels <= MaxImagePixels) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"image {path} is {width}x{height} pixels ({pixels / 1e6:0.#} megapixels), over the {MaxImagePixels / 1e6:0.#} megapixel limit for one image; raise it with the environment variable {MaxImagePixelsVariable} if it is meant to be decoded");
    }

    /// <summary>A size for messages: "64 MiB", "100000000 pixels".</summary>
    public static string Describe(long value, string unit = "bytes")
    {
        if (unit != "bytes") return value.ToString(CultureInfo.InvariantCulture) + " " + unit;
        return value switch
        {
            _ when value >= 1L << 30 && value % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{value >> 30} GiB"),
            _ when value >= 1L << 20 && value % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{value >> 20} MiB"),
            _ when value >= 1L << 10 && value % (1L << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{value >> 10} KiB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{value} bytes"),
        };
    }
}
