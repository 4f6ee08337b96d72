using GapLens.Core.Json;
using GapLens.Testing;

namespace GapLens.Core.Tests.Json;

public sealed class PyJsonFormatterTests
{
    [Fact]
    public void MatchesPythonJsonDumpsWithEnsureAsciiFalse()
    {
        foreach (var c in TestData.PythonReference.GetProperty("json_dumps").EnumerateArray())
        {
            var value = FromJson(System.Text.Json.JsonDocument.Parse(c.GetProperty("json").GetString()!).RootElement);
            Assert.Equal(c.GetProperty("dumps").GetString(), PyJsonFormatter.Format(value));
        }
    }

    [Fact]
    public void EscapesOnlyQuoteBackslashAndControlCharacters()
    {
        string s = "q\" b\\ t\t n\n r\r \u0001 \u2028 é 😀 \u007f";
        Assert.Equal("\"q\\\" b\\\\ t\\t n\\n r\\r \\u0001 \u2028 é 😀 \u007f\"", PyJsonFormatter.Format(new PyJsonString(s)));
    }

    [Fact]
    public void DuplicateKeysKeepFirstPositionAndLastValue()
    {
        var o = PyJsonObject.FromMembers([new("k", new PyJsonNumber("1")), new("j", new PyJsonNumber("3")), new("k", new PyJsonNumber("2"))]);
        Assert.Equal("{\"k\": 2, \"j\": 3}", PyJsonFormatter.Format(o));
    }

    [Fact]
    public void StrictModeKeepsNonFiniteNumbersAsStringsSoTheTextIsValidJson()
    {
        var v = new PyJsonArray([new PyJsonNumber("1e400"), new PyJsonNumber("-1e400"), new PyJsonNumber("1.5")]);
        Assert.Equal("[Infinity, -Infinity, 1.5]", PyJsonFormatter.Format(v));
        Assert.Equal("[\"Infinity\", \"-Infinity\", 1.5]", PyJsonFormatter.Format(v, strictJson: true));
    }

    /// <summary>Builds the value the way a JSON reader sees it (numbers by literal).</summary>
    internal static PyJsonValue FromJson(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => new PyJsonString(e.GetString()!),
        System.Text.Json.JsonValueKind.Number => new PyJsonNumber(e.GetRawText()),
        System.Text.Json.JsonValueKind.True => PyJsonBool.True,
        System.Text.Json.JsonValueKind.False => PyJsonBool.False,
        System.Text.Json.JsonValueKind.Null => PyJsonNull.Instance,
        System.Text.Json.JsonValueKind.Array => new PyJsonArray([.. e.EnumerateArray().Select(FromJson)]),
        _ => PyJsonObject.FromMembers(e.EnumerateObject().Select(p => new KeyValuePair<string, PyJsonValue>(p.Name, FromJson(p.Value)))),
    };
}
