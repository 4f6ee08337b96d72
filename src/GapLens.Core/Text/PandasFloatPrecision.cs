namespace GapLens.Core.Text;

/// <summary>
/// pandas.read_csv's <c>float_precision</c>: which C converter turns a CSV field into a float64.
/// </summary>
public enum PandasFloatPrecision
{
    /// <summary>pandas' default (<c>float_precision=None</c>, same as <c>"high"</c>): precise_xstrtod,
    /// which is not correctly rounded (e.g. "0.30000000000000004" reads as 0.3). What TAO's
    /// vcn_aoi.py gets.</summary>
    High,

    /// <summary><c>float_precision="round_trip"</c>: Python's own correctly rounded conversion, so a
    /// value written with repr() reads back as the same double.</summary>
    RoundTrip,
}
