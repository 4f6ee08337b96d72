namespace GapLens.Core.Metrics;

/// <summary>What a ratio is when its denominator is 0 (scikit-learn's <c>zero_division</c>): undefined
/// (null, shown with its reason), or 0 or 1 where a reference tool fixes that value.</summary>
public enum ZeroDivision
{
    Undefined,
    Zero,
    One,
}
