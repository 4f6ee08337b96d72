using System.Collections.Frozen;

namespace GapLens.Perception.Attention;

/// <summary>Maps already in memory (exported in-process, generated, or for tests).</summary>
public sealed class InMemoryAttentionMaps : IAttentionMapSource
{
    private readonly FrozenDictionary<AttentionMapKey, AttentionMap> _maps;

    public InMemoryAttentionMaps(IEnumerable<AttentionMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        var list = maps.ToList();
        _maps = list.ToFrozenDictionary(m => m.Key);
        Keys = [.. list.Select(m => m.Key)];
    }

    public IReadOnlyList<AttentionMapKey> Keys { get; }

    public AttentionMap Load(AttentionMapKey key) => _maps[key];
}
