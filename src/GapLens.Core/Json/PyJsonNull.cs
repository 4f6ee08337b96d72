namespace GapLens.Core.Json;

public sealed record PyJsonNull : PyJsonValue
{
    public static readonly PyJsonNull Instance = new();

    public override string TypeName => "null";
}
