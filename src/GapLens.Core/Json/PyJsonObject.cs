using System.Collections.Immutable;

namespace GapLens.Core.Json;

/// <summary>Members in Python dict order: first insertion position, last value for duplicate keys.</summary>
public sealed record PyJsonObject(ImmutableArray<KeyValuePair<string, PyJsonValue>> Members) : PyJsonValue
{
    public override string TypeName => "object";

    /// <summary>Builds an object the way <c>dict</c> does from a member sequence with possible duplicates.</summary>
    public static PyJsonObject FromMembers(IEnumerable<KeyValuePair<string, PyJsonValue>> members)
    {
        var order = new List<KeyValuePair<string, PyJsonValue>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            if (index.TryGetValue(m.Key, out int at)) order[at] = m;
            else
            {
                index[m.Key] = order.Count;
                order.Add(m);
            }
        }
        return new PyJsonObject([.. order]);
    }
}
