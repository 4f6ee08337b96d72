using System.Buffers;
using System.Globalization;
using System.Text;
using GapLens.Core.Text;

namespace GapLens.Core.Json;

/// <summary>
/// Python's <c>json.dumps(obj, ensure_ascii=False)</c> text, exactly: separators <c>", "</c> and
/// <c>": "</c>; non-ASCII written raw; only <c>"</c>, <c>\</c> and C0 controls escaped (<c>\n \r \t
/// \b \f</c>, others <c>\u00xx</c> in lowercase hex); ints as written, floats in repr form with
/// <c>Infinity</c>/<c>-Infinity</c>/<c>NaN</c> for non-finite values.
/// </summary>
public static class PyJsonFormatter
{
    /// <param name="value">The value.</param>
    /// <param name="strictJson">When true, non-finite floats (which Python writes as bare
    /// <c>Infinity</c>, not JSON) are written as the strings <c>"Infinity"</c>/<c>"-Infinity"</c>, so
    /// the text is valid JSON; for GapLens' own files, never for the TAO-compatible ones.</param>
    public static string Format(PyJsonValue value, bool strictJson = false)
    {
        var sb = new StringBuilder();
        Append(sb, value, strictJson);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, PyJsonValue value, bool strictJson = false)
    {
        switch (value)
        {
            case PyJsonString s: AppendString(sb, s.Value); break;
            case PyJsonNumber n:
                string number = FormatNumber(n);
                if (strictJson && number is "Infinity" or "-Infinity") sb.Append('"').Append(number).Append('"');
                else sb.Append(number);
                break;
            case PyJsonBool b: sb.Append(b.Value ? "true" : "false"); break;
            case PyJsonNull: sb.Append("null"); break;
            case PyJsonArray a:
                sb.Append('[');
                for (int i = 0; i < a.Items.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, a.Items[i], strictJson);
                }
                sb.Append(']');
                break;
            case PyJsonObject o:
                sb.Append('{');
                for (int i = 0; i < o.Members.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendString(sb, o.Members[i].Key);
                    sb.Append(": ");
                    Append(sb, o.Members[i].Value, strictJson);
                }
                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown JSON value type {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>The characters json.dumps escapes with ensure_ascii=False.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        int start = 0;
        while (true)
        {
            int rel = s.AsSpan(start).IndexOfAny(Escaped);
            if (rel < 0) break;
            int i = start + rel;
            char c = s[i];
            sb.Append(s, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default: sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
            }
        }
        sb.Append(s, start, s.Length - start);
        sb.Append('"');
    }

    /// <summary>
    /// <c>json.dumps(value, indent=indent, ensure_ascii=False)</c>: one member per line, separators
    /// <c>","</c> and <c>": "</c>, empty containers as <c>[]</c>/<c>{}</c>.
    /// </summary>
    public static string FormatIndented(PyJsonValue value, int indent = 2)
    {
        var sb = new StringBuilder();
        AppendIndented(sb, value, indent, 0);
        return sb.ToString();
    }

    private static void AppendIndented(StringBuilder sb, PyJsonValue value, int indent, int level)
    {
        switch (value)
        {
            case PyJsonArray a when a.Items.Length > 0:
                sb.Append('[');
                for (int i = 0; i < a.Items.Length; i++)
                {
                    sb.Append(i > 0 ? "," : "").Append('\n').Append(' ', indent * (level + 1));
                    AppendIndented(sb, a.Items[i], indent, level + 1);
                }
                sb.Append('\n').Append(' ', indent * level).Append(']');
                break;
            case PyJsonObject o when o.Members.Length > 0:
                sb.Append('{');
                for (int i = 0; i < o.Members.Length; i++)
                {
                    sb.Append(i > 0 ? "," : "").Append('\n').Append(' ', indent * (level + 1));
                    AppendString(sb, o.Members[i].Key);
                    sb.Append(": ");
                    AppendIndented(sb, o.Members[i].Value, indent, level + 1);
                }
                sb.Append('\n').Append(' ', indent * level).Append('}');
                break;
            default:
                Append(sb, value);
                break;
        }
    }

    /// <summary>A number as Python writes it back after <c>json.load</c>: ints unchanged (<c>-0</c> is
    /// 0), floats parsed to double and written in repr form.</summary>
    public static string FormatNumber(PyJsonNumber n)
    {
        if (!n.IsFloat) return n.Literal == "-0" ? "0" : n.Literal;
        if (n.Literal is "NaN" or "Infinity" or "-Infinity") return n.Literal;
        double d = double.Parse(n.Literal, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        return PyFloat.Repr(d);
    }
}
