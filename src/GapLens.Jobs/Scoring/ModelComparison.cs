using GapLens.Statistics;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// Two models compared on the tasks both were scored on, by one rater (judge or human): pass rates and
/// McNemar's exact test on pass/fail (with its Benjamini-Hochberg adjusted p-value over every
/// comparison of that rater), and the mean score difference (A - B) with a seeded paired bootstrap interval.
/// </summary>
public sealed record ModelComparison(
    string Rater,
    string ModelA,
    string ModelB,
    int Tasks,
    double? PassRateA,
    double? PassRateB,
    TestResult McNemar,
    double? AdjustedP,
    bool? Significant,
    BootstrapResult MeanDifference);
