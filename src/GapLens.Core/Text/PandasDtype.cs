namespace GapLens.Core.Text;

/// <summary>The dtype pandas.read_csv gives a column (C engine, default options).</summary>
public enum PandasDtype
{
    Int64,
    UInt64,
    Float64,
    Bool,

    /// <summary>Text: the fields stay strings (NA strings become NaN unless noted otherwise).</summary>
    Object,
}
