namespace GapLens.Core.Json;

/// <summary>A JSON number by its literal. Python reads it as a float when it has a fraction or an
/// exponent, otherwise as an (unbounded) int.</summary>
public sealed record PyJsonNumber(string Literal) : PyJsonValue
{
    public override string TypeName => "number";

    public bool IsFloat => Literal.AsSpan().IndexOfAny('.', 'e', 'E') >= 0;
}
