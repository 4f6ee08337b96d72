namespace GapLens.Core.Reports;

/// <summary>How a number is written (see <see cref="NumberFormat"/>).</summary>
public enum NumberStyle
{
    /// <summary>Fixed decimals, no sign on a value that rounds to zero.</summary>
    Fixed,

    /// <summary>A ratio shown as a percentage with fixed decimals.</summary>
    Percent,

    /// <summary>A whole number with thousands separators (1,234,567).</summary>
    Count,

    /// <summary>A p-value: fixed below 4 decimals down to 0.001, then scientific (1.7e-18).</summary>
    PValue,

    /// <summary>Python's repr of a float (the exact TAO value, e.g. 0.09999999999999999).</summary>
    PyRepr,
}
