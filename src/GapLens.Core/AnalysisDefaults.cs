using GapLens.Core.Config;

namespace GapLens.Core;

/// <summary>
/// The defaults of the score analyses and the values their options accept, in one place: the options
/// records, the command-line flags, the statistics and the reports all read them from here.
/// </summary>
public static class AnalysisDefaults
{
    /// <summary>A 1-5 score at or above this is a success (spec 02: score &gt;= 4).</summary>
    public const int PassAtOrAbove = 4;

    /// <summary>TOST equivalence margin on the mean score difference, in score points.</summary>
    public const double EquivalenceMargin = 0.5;

    /// <summary>Bootstrap resamples.</summary>
    public const int Resamples = 10_000;

    /// <summary>Seed of every bootstrap and subsample unless one is given.</summary>
    public const ulong Seed = 0;

    /// <summary>Significance level of tests whose decision a report states (equivalence shown or not).</summary>
    public const double Alpha = 0.05;

    /// <summary>Confidence level of every interval.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>The pass mark lies on the 1-5 score scale.</summary>
    public static readonly ValueRange PassAtRange = ValueRange.Closed(1, 5);

    /// <summary>A positive margin; mean differences of 1-5 scores lie in [-4, 4], so a wider margin
    /// would make any two raters "equivalent".</summary>
    public static readonly ValueRange EquivalenceMarginRange = ValueRange.AboveUpTo(0, 4);

    /// <summary>At least one resample; the upper bound keeps a typo (an extra zero or three) from
    /// running for hours.</summary>
    public static readonly ValueRange ResamplesRange = ValueRange.Integers(1, 1_000_000);
}
