namespace GapLens.Core.Json;

public sealed record PyJsonString(string Value) : PyJsonValue
{
    public override string TypeName => "string";
}
