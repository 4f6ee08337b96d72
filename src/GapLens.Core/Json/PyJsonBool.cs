namespace GapLens.Core.Json;

public sealed record PyJsonBool(bool Value) : PyJsonValue
{
    public static readonly PyJsonBool True = new(true);
    public static readonly PyJsonBool False = new(false);

    public override string TypeName => "boolean";
}
