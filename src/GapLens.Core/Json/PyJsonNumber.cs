namespace GapLens.Core.Json;

/// <summary>A JSON number by its literal. Python reads it as a float when it has a fraction or an
/// exponent, otherwise as an (unbounded) int.</summary>
public sealed record PyJsonNumber(string Literal) : PyJsonValue
{
    public override string TypeName => "number";

    public bool IsFloat => Literal.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 || Literal is "NaN" or "Infinity" or "-Infinity";

    /// <summary>A Python float (written in repr form, NaN/Infinity as Python's json writes them).</summary>
    public static PyJsonNumber Of(double value) => new(
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : Text.PyFloat.Repr(value));

    /// <summary>A Python int.</summary>
    public static PyJsonNumber Of(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
