using System.Text;
using System.Text.Json;
using GapLens.Core.Json;

namespace GapLens.IO.Json;

/// <summary>Reads one complete JSON value (the reader positioned on its first token) into a
/// <see cref="PyJsonValue"/>, keeping number literals and Python dict semantics for objects.</summary>
public static class PyJsonValueReader
{
    public static PyJsonValue Read(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                return new PyJsonString(r.GetString()!);
            case JsonTokenType.Number:
                return new PyJsonNumber(Encoding.UTF8.GetString(r.ValueSpan));
            case JsonTokenType.True:
                return PyJsonBool.True;
            case JsonTokenType.False:
                return PyJsonBool.False;
            case JsonTokenType.Null:
                return PyJsonNull.Instance;
            case JsonTokenType.StartArray:
            {
                var items = new List<PyJsonValue>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(Read(ref r));
                return new PyJsonArray([.. items]);
            }
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, PyJsonValue>>();
                while (r.Read() && r.TokenType != JsonTokenType.EndObject)
                {
                    string name = r.GetString()!;
                    r.Read();
                    members.Add(new(name, Read(ref r)));
                }
                return PyJsonObject.FromMembers(members);
            }
            default:
                throw new InvalidOperationException($"unexpected JSON token {r.TokenType}");
        }
    }
}
