using System.Collections.Immutable;
using System.Globalization;
using SkiaSharp;

namespace GapLens.Judging.Judges;

/// <summary>
/// An offline reference judge that needs no model. It measures how far the video got from the input
/// frame to the ground-truth final frame: progress = 1 - d(last, final) / d(first, final), with d the
/// share of pixels that differ by more than 32 grey levels once both frames are scaled to 128x128 grey
/// (the threshold ignores video compression noise; 0 = nothing changed toward the solution, 1 = the
/// final frame is reached). Progress is mapped to 1-5 by a per-task calibration
/// table; the SSIM of last vs final is reported beside it. Deterministic; used by the demo, the tests
/// and as a baseline for VLM judges.
/// </summary>
/// <param name="evaluatorDir">The evaluator folder (default pixel-eval).</param>
public sealed class PixelJudge(string? evaluatorDir = null) : IJudge
{
    private const int Side = 128;

    /// <summary>Lower progress bounds for scores 5, 4, 3, 2 (below the last: 1), per task type.</summary>
    public static readonly ImmutableSortedDictionary<string, ImmutableArray<double>> Calibration = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal,
    [
        new KeyValuePair<string, ImmutableArray<double>>("default", [0.97, 0.85, 0.60, 0.30]),
        new("grid_task", [0.97, 0.85, 0.60, 0.30]),
        new("maze_task", [0.98, 0.80, 0.60, 0.30]),
    ]);

    public string EvaluatorDir { get; } = evaluatorDir ?? "pixel-eval";

    public IReadOnlyDictionary<string, string> Identity { get; } = new Dictionary<string, string>
    {
        ["judge"] = "pixel",
        ["method"] = "progress = 1 - D(last, final) / D(first, final), D = share of pixels differing by > 32 grey levels at 128x128; SSIM reported",
        ["calibration"] = string.Join("; ", Calibration.Select(c => $"{c.Key} {string.Join('/', c.Value.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))}")),
    };

    public Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.FinalFramePng is null) return Task.FromResult(JudgeOutcome.Failed("the pixel judge needs a ground-truth final frame"));
        var a = Grey(input.LastFramePng, out string? whyA);
        var b = Grey(input.FinalFramePng, out string? whyB);
        var f = Grey(input.FirstFramePng, out string? whyF);
        if (a is null) return Task.FromResult(JudgeOutcome.Failed(whyA ?? $"cannot decode the last frame {input.LastFramePng}"));
        if (b is null) return Task.FromResult(JudgeOutcome.Failed(whyB ?? $"cannot decode the ground-truth frame {input.FinalFramePng}"));
        if (f is null) return Task.FromResult(JudgeOutcome.Failed(whyF ?? $"cannot decode the first frame {input.FirstFramePng}"));
        double toGoal = Changed(f, b);
        double progress = toGoal == 0 ? (Changed(a, b) == 0 ? 1 : 0) : Math.Clamp(1 - Changed(a, b) / toGoal, 0, 1);
        double ssim = Ssim(a, b);
        var bounds = Calibration.TryGetValue(input.TaskType, out var t) ? t : Calibration["default"];
        int score = progress >= bounds[0] ? 5 : progress >= bounds[1] ? 4 : progress >= bounds[2] ? 3 : progress >= bounds[3] ? 2 : 1;
        string table = Calibration.ContainsKey(input.TaskType) ? input.TaskType : "default";
        return Task.FromResult(JudgeOutcome.Scored(score, string.Create(CultureInfo.InvariantCulture,
            $"The last frame covers {progress * 100:F0}% of the way from the first frame to the ground-truth final frame (SSIM to the final frame {ssim:F3}); {table} calibration gives {score} (5 from {bounds[0] * 100:F0}%, 4 from {bounds[1] * 100:F0}%, 3 from {bounds[2] * 100:F0}%, 2 from {bounds[3] * 100:F0}%).")));
    }

    /// <summary>The image as 128x128 grey levels; null when it cannot be decoded, with
    /// <paramref name="tooLarge"/> set when its header gives more pixels than the image limit.</summary>
    private static double[]? Grey(string png, out string? tooLarge)
    {
        using var codec = SKCodec.Create(png);
        tooLarge = codec is null ? null : GapLens.Core.ResourceLimits.Current.ImageTooLarge(png, codec.Info.Width, codec.Info.Height);
        if (codec is null || tooLarge is not null) return null;
        using var src = SKBitmap.Decode(codec);
        if (src is null) return null;
        using var scaled = src.Resize(new SKImageInfo(Side, Side), new SKSamplingOptions(SKFilterMode.Linear));
        var g = new double[Side * Side];
        for (int y = 0; y < Side; y++)
        {
            for (int x = 0; x < Side; x++)
            {
                var c = scaled.GetPixel(x, y);
                g[y * Side + x] = 0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue;
            }
        }
        return g;
    }

    /// <summary>Share of pixels of two grey frames that differ by more than 32 levels.</summary>
    internal static double Changed(double[] a, double[] b)
    {
        int n = 0;
        for (int i = 0; i < a.Length; i++) if (Math.Abs(a[i] - b[i]) > 32) n++;
        return (double)n / a.Length;
    }

    /// <summary>Mean SSIM over non-overlapping 8x8 windows (Wang et al. 2004 constants).</summary>
    internal static double Ssim(double[] a, double[] b)
    {
        const double c1 = 6.5025, c2 = 58.5225;
        double total = 0;
        int windows = 0;
        for (int wy = 0; wy < Side; wy += 8)
        {
            for (int wx = 0; wx < Side; wx += 8)
            {
                double ma = 0, mb = 0;
                for (int y = wy; y < wy + 8; y++)
                {
                    for (int x = wx; x < wx + 8; x++)
                    {
                        ma += a[y * Side + x];
                        mb += b[y * Side + x];
                    }
                }
                ma /= 64;
                mb /= 64;
                double va = 0, vb = 0, cov = 0;
                for (int y = wy; y < wy + 8; y++)
                {
                    for (int x = wx; x < wx + 8; x++)
                    {
                        double da = a[y * Side + x] - ma, db = b[y * Side + x] - mb;
                        va += da * da;
                        vb += db * db;
                        cov += da * db;
                    }
                }
                va /= 63;
                vb /= 63;
                cov /= 63;
                total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                windows++;
            }
        }
        return total / windows;
    }
}
