using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace GapLens.Perception.Json;

/// <summary>
/// Steps through the members of a JSON object: key, colon, value (its extent found by
/// <see cref="JsonScan"/>), comma. Works on a complete span (a video's object) and, through
/// <see cref="TryNext"/> returning NeedMore, on a streaming buffer (the top-level object).
/// </summary>
internal static class ObjectMembers
{
    /// <param name="s">The bytes.</param>
    /// <param name="pos">After the opening brace or the previous member; advanced past what was consumed.</param>
    /// <param name="first">True before the first member (no comma expected); cleared after a member.</param>
    /// <param name="complete">The span holds the whole object.</param>
    public static MemberStep TryNext(ReadOnlySpan<byte> s, ref int pos, ref bool first, bool complete, out Range key, out Range value)
    {
        value = default;
        int p = pos;
        bool f = first;
        var step = TryKey(s, ref p, ref f, complete, out key);
        if (step != MemberStep.Member) return step == MemberStep.End ? End(ref pos, p) : step;
        int end = JsonScan.ValueEnd(s, p, complete);
        if (end < 0) return NeedMore(complete, p, "a value is not closed");
        value = new Range(p, end);
        pos = end;
        first = false;
        return MemberStep.Member;
    }

    private static MemberStep End(ref int pos, int p)
    {
        pos = p;
        return MemberStep.End;
    }

    /// <summary>
    /// Reads the next member's key and colon and stops at the first byte of its value (left in
    /// <paramref name="pos"/>), so the caller can step into the value instead of over it. On End,
    /// <paramref name="pos"/> is after the closing brace. <paramref name="first"/> is cleared on Member.
    /// </summary>
    public static MemberStep TryKey(ReadOnlySpan<byte> s, ref int pos, ref bool first, bool complete, out Range key)
    {
        key = default;
        int p = JsonScan.SkipWhiteSpace(s, pos);
        if (p >= s.Length) return NeedMore(complete, p, "the object is not closed");
        if (s[p] == (byte)'}')
        {
            pos = p + 1;
            return MemberStep.End;
        }
        if (!first)
        {
            if (s[p] != (byte)',') throw new JsonScanException(p, $"expected ',' or '}}' after a member, found '{(char)s[p]}'");
            p = JsonScan.SkipWhiteSpace(s, p + 1);
            if (p >= s.Length) return NeedMore(complete, p, "the object is not closed");
        }
        if (s[p] != (byte)'"') throw new JsonScanException(p, s[p] == (byte)'}' ? "a comma before '}'" : $"expected a quoted key, found '{(char)s[p]}'");
        int keyEnd = JsonScan.StringEnd(s, p);
        if (keyEnd < 0) return NeedMore(complete, p, "a key is not closed");
        int colon = JsonScan.SkipWhiteSpace(s, keyEnd);
        if (colon >= s.Length) return NeedMore(complete, colon, "a member has no value");
        if (s[colon] != (byte)':') throw new JsonScanException(colon, $"expected ':' after a key, found '{(char)s[colon]}'");
        int v = JsonScan.SkipWhiteSpace(s, colon + 1);
        if (v >= s.Length) return NeedMore(complete, v, "a member has no value");
        key = new Range(p, keyEnd);
        pos = v;
        first = false;
        return MemberStep.Member;
    }

    private static MemberStep NeedMore(bool complete, int at, string what) =>
        complete ? throw new JsonScanException(at, what) : MemberStep.NeedMore;

    /// <summary>The text of a quoted key (escapes decoded).</summary>
    public static string KeyText(ReadOnlySpan<byte> quoted)
    {
        var inner = quoted[1..^1];
        if (inner.IndexOf((byte)'\\') < 0) return Encoding.UTF8.GetString(inner);
        var r = new Utf8JsonReader(quoted, isFinalBlock: true, default);
        r.Read();
        return r.GetString()!;
    }

    /// <summary>The JSON type a value's first byte announces.</summary>
    public static JsonTokenType TypeOf(byte first) => first switch
    {
        (byte)'{' => JsonTokenType.StartObject,
        (byte)'[' => JsonTokenType.StartArray,
        (byte)'"' => JsonTokenType.String,
        (byte)'t' => JsonTokenType.True,
        (byte)'f' => JsonTokenType.False,
        (byte)'n' => JsonTokenType.Null,
        _ => JsonTokenType.Number,
    };
}
