using System.Collections.Immutable;

namespace GapLens.Core.Json;

public sealed record PyJsonArray(ImmutableArray<PyJsonValue> Items) : PyJsonValue
{
    public override string TypeName => "array";
}
