using System.Text;
using System.Text.Json;
using GapLens.Perception.Json;

namespace GapLens.Perception.Tests;

public sealed class JsonScanTests
{
    /// <summary>Random valid JSON values: nested arrays and objects, strings with escaped quotes,
    /// backslashes and brackets, numbers; long enough to cross many 32-byte blocks.</summary>
    private static string RandomValue(Random rng, int depth)
    {
        int kind = depth > 4 ? rng.Next(3) : rng.Next(5);
        switch (kind)
        {
            case 0:
                return rng.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            case 1:
                var sb = new StringBuilder("\"");
                int n = rng.Next(0, 40);
                for (int i = 0; i < n; i++)
                {
                    sb.Append(rng.Next(8) switch { 0 => "\\\"", 1 => "\\\\", 2 => "[", 3 => "}", 4 => "é", 5 => "\\u005b", _ => "a" });
                }
                return sb.Append('"').ToString();
            case 2:
                return rng.Next(3) switch { 0 => "true", 1 => "false", _ => "null" };
            case 3:
                return "[" + string.Join(", ", Enumerable.Range(0, rng.Next(0, 12)).Select(_ => RandomValue(rng, depth + 1))) + "]";
            default:
                return "{" + string.Join(",\n ", Enumerable.Range(0, rng.Next(0, 8)).Select(i => $"\"k{i}\\\"x\": " + RandomValue(rng, depth + 1))) + "}";
        }
    }

    [Fact]
    public void ValueEndAgreesWithUtf8JsonReaderOnRandomDocuments()
    {
        var rng = new Random(42);
        for (int t = 0; t < 3000; t++)
        {
            string v = (t % 2 == 0 ? "[" : "{\"a\": ") + RandomValue(rng, 0) + (t % 2 == 0 ? "]" : "}");
            byte[] bytes = Encoding.UTF8.GetBytes(v + " ,\"tail\"");
            var r = new Utf8JsonReader(bytes.AsSpan(0, bytes.Length - 8), isFinalBlock: true, default);
            r.Read();
            r.Skip();
            Assert.Equal((int)r.BytesConsumed, JsonScan.ValueEnd(bytes, 0, complete: true));
            // Cut anywhere inside the value: the scan asks for more.
            int cut = rng.Next(1, (int)r.BytesConsumed);
            Assert.Equal(-1, JsonScan.ValueEnd(bytes.AsSpan(0, cut), 0, complete: false));
        }
    }

    [Fact]
    public void LongRunsOfNumbersAreCountedBlockByBlockAndStillEndExactly()
    {
        var rng = new Random(8);
        for (int t = 0; t < 200; t++)
        {
            // Boxes like an annotation file's: long quote-free stretches at depth 3 and more.
            var sb = new StringBuilder("{\"bounding_boxes\": [");
            int boxes = rng.Next(1, 120);
            for (int b = 0; b < boxes; b++)
            {
                sb.Append(b == 0 ? "" : ", ").Append('[');
                sb.Append(string.Join(", ", Enumerable.Range(0, 4).Select(_ => rng.NextDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
                sb.Append(']');
            }
            sb.Append("], \"label\": \"cup [1]\"}");
            byte[] bytes = Encoding.UTF8.GetBytes(sb + new string(' ', rng.Next(0, 40)) + ", 5");
            Assert.Equal(sb.Length, JsonScan.ValueEnd(bytes, 0, complete: true));
            Assert.Equal(-1, JsonScan.ValueEnd(bytes.AsSpan(0, rng.Next(1, sb.Length)), 0, complete: false));
        }
    }

    [Theory]
    [InlineData("[1, 2}", "'}' does not close the open '['")]
    [InlineData("{\"a\": [1]]", "']' does not close the open '{'")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ 1, 2, 3 ]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}", "does not close")]
    [InlineData("@", "unexpected character '@'")]
    public void MismatchedBracketsAreErrorsAtTheirPosition(string json, string says)
    {
        var ex = Assert.Throws<JsonScanException>(() => JsonScan.ValueEnd(Encoding.UTF8.GetBytes(json), 0, complete: true));
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Equal(json.Length - 1, ex.Position);
    }

    [Theory]
    [InlineData("{\"a\": 1 \"b\": 2}", "expected ',' or '}' after a member")]
    [InlineData("{\"a\": 1, }", "a comma before '}'")]
    [InlineData("{a: 1}", "expected a quoted key")]
    [InlineData("{\"a\" 1}", "expected ':' after a key")]
    public void MalformedMembersAreErrors(string json, string says)
    {
        int pos = 1;
        bool first = true;
        var ex = Assert.Throws<JsonScanException>(() =>
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            while (ObjectMembers.TryNext(bytes, ref pos, ref first, complete: true, out _, out _) == MemberStep.Member) { }
        });
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysWithEscapesAreDecoded()
    {
        Assert.Equal("vid\"eo_1", ObjectMembers.KeyText("\"vid\\\"eo_1\""u8));
        Assert.Equal("vidéo", ObjectMembers.KeyText("\"vid\\u00e9o\""u8));
        Assert.Equal("plain", ObjectMembers.KeyText("\"plain\""u8));
    }
}
