namespace GapLens.Core.Metrics;

/// <summary>Positive-class metrics at one candidate threshold, computed with TAO's exact formulas.</summary>
public sealed record OperatingPoint(double Threshold, BinaryConfusion Counts, double Precision, double Recall, double F1)
{
    /// <summary>TAO's formulas: precision/recall 0.0 when undefined, f1 = 2pr/(p+r) else 0.0 (so the
    /// doubles equal Python's).</summary>
    public static OperatingPoint At(double threshold, BinaryConfusion c)
    {
        ArgumentNullException.ThrowIfNull(c);
        double p = Ratio.Defined(c.Tp, c.Tp + c.Fp, ZeroDivision.Zero);
        double r = Ratio.Defined(c.Tp, c.Tp + c.Fn, ZeroDivision.Zero);
        double denom = p + r;
        double f1 = denom != 0 ? 2.0 * p * r / denom : 0.0;
        return new OperatingPoint(threshold, c, p, r, f1);
    }
}
