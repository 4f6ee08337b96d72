using System.Globalization;
using GapLens.Core;

namespace GapLens.Slices;

/// <summary>
/// What a slice search looks at: conjunctions of up to <see cref="MaxOrder"/> predicates (on distinct
/// features) with at least <see cref="MinSupport"/> samples (null: 5, or 0.1% of the samples when that
/// is more), the significance level of the Benjamini-Hochberg procedure and of the redundancy check,
/// and how many slices each ranking keeps.
/// </summary>
public sealed record SliceOptions
{
    public const int MaxMaxOrder = 4;
    public const int MaxTop = 1000;

    public int MaxOrder { get; init; } = 2;

    /// <summary>The fewest samples a slice may have; null: <see cref="DefaultMinSupport"/>.</summary>
    public int? MinSupport { get; init; }

    public double Alpha { get; init; } = AnalysisDefaults.Alpha;

    /// <summary>Slices per ranking.</summary>
    public int Top { get; init; } = 20;

    /// <summary>p-values kept for the q-values before only the smaller half is (null: 2^20, or the
    /// encoded table's size in doubles when that is more).</summary>
    public int? PValueCapacity { get; init; }

    /// <summary>5, or 0.1% of the samples (rounded up) when that is more.</summary>
    public static int DefaultMinSupport(int rows) => Math.Max(5, (int)Math.Ceiling(rows / 1000.0));

    /// <summary>Checks every value: one line naming the option, the value and the allowed range.</summary>
    public void Validate()
    {
        if (MaxOrder is < 1 or > MaxMaxOrder) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--max-order must be an integer in [1, {MaxMaxOrder}], got {MaxOrder}"));
        if (MinSupport is < 1) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--min-support must be an integer >= 1, got {MinSupport}"));
        if (!(Alpha > 0 && Alpha < 1)) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--alpha must be a number in (0, 1), got {Alpha:R}"));
        if (Top is < 1 or > MaxTop) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--top must be an integer in [1, {MaxTop}], got {Top}"));
        if (PValueCapacity is < 16) throw new ArgumentOutOfRangeException(nameof(PValueCapacity), PValueCapacity, "at least 16");
    }
}
