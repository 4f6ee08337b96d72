using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace GapLens.Testing;

/// <summary>
/// The ./gaplens build is compiled ahead of time (Native AOT), where a converter the runtime would
/// make for a type on demand may not exist: JsonStringEnumConverter's non-generic factory calls
/// MakeGenericType. These helpers find every enum a source-generated context's types reach, so a
/// test can require a JsonStringEnumConverter&lt;TEnum&gt; of its own for each.
/// </summary>
public static class JsonEnums
{
    /// <summary>The root types of a context: its [JsonSerializable(typeof(T))] attributes.</summary>
    public static IReadOnlyList<Type> Roots(JsonSerializerContext context) =>
        [.. context.GetType().GetCustomAttributesData().Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)];

    /// <summary>Every enum reached from <paramref name="roots"/> through the options' metadata with no
    /// JsonStringEnumConverter&lt;TEnum&gt; of its own in <paramref name="options"/>.</summary>
    public static SortedSet<string> WithoutOwnConverter(JsonSerializerOptions options, IEnumerable<Type> roots)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SortedSet<string>(
            Reachable(options, roots).Where(t => t.IsEnum && !options.Converters.Any(c =>
                c.GetType() is { IsGenericType: true } ct && ct.GetGenericTypeDefinition() == typeof(JsonStringEnumConverter<>) && ct.GetGenericArguments()[0] == t))
                .Select(t => t.FullName!),
            StringComparer.Ordinal);
    }

    /// <summary>Every type reached from <paramref name="roots"/> through the options' metadata:
    /// property types, elements, dictionary keys, the derived types of a polymorphic type, through
    /// Nullable (a walk that reaches few types proves little: tests check the count).</summary>
    public static IReadOnlyCollection<Type> Reachable(JsonSerializerOptions options, IEnumerable<Type> roots)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.IsEnum) continue;
            var info = options.GetTypeInfo(type);
            foreach (var p in info.Properties) queue.Enqueue(p.PropertyType);
            if (info.ElementType is { } e) queue.Enqueue(e);
            if (info.KeyType is { } k) queue.Enqueue(k);
            if (info.PolymorphismOptions is { } poly)
            {
                foreach (var d in poly.DerivedTypes) queue.Enqueue(d.DerivedType);
            }
        }
        return seen;
    }
}
