using GapLens.Core.Statistics;

namespace GapLens.Core.Metrics;

/// <summary>Counts of a binary decision against ground truth, with its derived metrics.</summary>
public sealed record BinaryConfusion(long Tp, long Fp, long Tn, long Fn)
{
    public static readonly BinaryConfusion Empty = new(0, 0, 0, 0);

    public long Total => Tp + Fp + Tn + Fn;

    public BinaryConfusion Add(bool predictedPositive, bool actualPositive) => (predictedPositive, actualPositive) switch
    {
        (true, true) => this with { Tp = Tp + 1 },
        (true, false) => this with { Fp = Fp + 1 },
        (false, false) => this with { Tn = Tn + 1 },
        (false, true) => this with { Fn = Fn + 1 },
    };

    /// <summary>TP / (TP + FP), with a Wilson 95% interval.</summary>
    public MetricValue Precision() => Proportion(Tp, Tp + Fp, "no positive predictions (TP + FP = 0)");

    /// <summary>TP / (TP + FN), with a Wilson 95% interval.</summary>
    public MetricValue Recall() => Proportion(Tp, Tp + Fn, "no positive ground truth (TP + FN = 0)");

    /// <summary>TN / (TN + FP), with a Wilson 95% interval.</summary>
    public MetricValue Specificity() => Proportion(Tn, Tn + Fp, "no negative ground truth (TN + FP = 0)");

    /// <summary>(TP + TN) / total, with a Wilson 95% interval.</summary>
    public MetricValue Accuracy() => Proportion(Tp + Tn, Total, "no classified samples");

    /// <summary>
    /// 2TP / (2TP + FP + FN). F1 is not a binomial proportion, so no Wilson interval is attached.
    /// Undefined when there are no positives at all (TP + FP + FN = 0).
    /// </summary>
    public MetricValue F1()
    {
        long denom = 2 * Tp + Fp + Fn;
        return denom == 0
            ? MetricValue.Undefined("no positive predictions and no positive ground truth (TP + FP + FN = 0)")
            : MetricValue.Of(2.0 * Tp / denom);
    }

    private static MetricValue Proportion(long num, long den, string reasonWhenEmpty) =>
        Ratio.Of(num, den, ZeroDivision.Undefined) is { } v ? MetricValue.Of(v, ProportionIntervals.Wilson(num, den)) : MetricValue.Undefined(reasonWhenEmpty);
}
