using System.Text.Json;
using GapLens.Core;

namespace GapLens.Perception.Json;

/// <summary>Typed reads of the current token with user errors that say where, which field, what was
/// seen and what is allowed.</summary>
internal static class JsonRead
{
    public static UserInputException Error(in Where where, string message) => new($"{where}: {message}");

    public static void Expect(ref Utf8JsonReader r, JsonTokenType type, in Where where, string field, string expected)
    {
        if (r.TokenType != type) throw Error(where, $"'{field}' must be {expected}, got {TopLevelObjectReader.Describe(r.TokenType)}.");
    }

    public static string String(ref Utf8JsonReader r, in Where where, string field)
    {
        Expect(ref r, JsonTokenType.String, where, field, "a string");
        return r.GetString()!;
    }

    public static string? StringOrNull(ref Utf8JsonReader r, in Where where, string field) =>
        r.TokenType == JsonTokenType.Null ? null : String(ref r, where, field);

    public static int Int(ref Utf8JsonReader r, in Where where, string field)
    {
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
        {
            string seen = r.TokenType == JsonTokenType.Number ? System.Text.Encoding.UTF8.GetString(r.ValueSpan) : TopLevelObjectReader.Describe(r.TokenType);
            throw Error(where, $"'{field}' must be an integer, got {seen}.");
        }
        return v;
    }

    public static double Number(ref Utf8JsonReader r, in Where where, string field)
    {
        Expect(ref r, JsonTokenType.Number, where, field, "a number");
        return r.GetDouble();
    }

    public static bool Bool(ref Utf8JsonReader r, in Where where, string field)
    {
        if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False)) throw Error(where, $"'{field}' must be true or false, got {TopLevelObjectReader.Describe(r.TokenType)}.");
        return r.TokenType == JsonTokenType.True;
    }

    /// <summary>At a property name: when it is <paramref name="name"/>, moves to its value and returns true.</summary>
    public static bool Property(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
    {
        if (!r.ValueTextEquals(name)) return false;
        Next(ref r);
        return true;
    }

    /// <summary>At a property name: steps over the property's value.</summary>
    public static void SkipProperty(ref Utf8JsonReader r)
    {
        Next(ref r);
        r.Skip();
    }

    /// <summary>Reads the next token (the value after a property name or the next array element).</summary>
    public static void Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new InvalidOperationException("the value was cut short; the outer reader checked it was complete");
    }
}
