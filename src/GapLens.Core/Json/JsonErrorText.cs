using System.Text.Json;
using System.Text.RegularExpressions;

namespace GapLens.Core.Json;

/// <summary>
/// System.Text.Json's error text, worded for a user: its first line without the
/// "LineNumber: 0 | BytePositionInLine: 12" tail (0-based positions within whatever span was parsed,
/// which contradict the file:line GapLens puts in front), the JSON path kept as "at $.field", and .NET
/// type names said in JSON's words ("could not be converted to an integer", not System.Int32; "has
/// the wrong type for this field", not GapLens.IO.SomeDocument).
/// </summary>
public static partial class JsonErrorText
{
    public static string Of(JsonException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        string text = ex.Message;
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0) text = text[..newline];
        string? path = null;
        int tail = text.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail >= 0)
        {
            var p = PathRegex().Match(text, tail);
            if (p.Success && p.Groups[1].Value != "$") path = p.Groups[1].Value;
        }
        else
        {
            tail = text.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }
        if (tail >= 0) text = text[..tail];
        text = text.TrimEnd().TrimEnd('.');
        text = ConvertRegex().Replace(text, m => (m.Groups[1].Value.Replace("System.Nullable`1[", "", StringComparison.Ordinal).TrimEnd(']')) switch
        {
            "System.Int32" or "System.Int64" or "System.UInt32" or "System.UInt64" or "System.Int16" or "System.Byte" => "could not be converted to an integer",
            "System.Double" or "System.Single" or "System.Decimal" => "could not be converted to a number",
            "System.String" => "could not be converted to a string",
            "System.Boolean" => "could not be converted to true or false",
            "System.DateTimeOffset" or "System.DateTime" => "could not be converted to a date and time",
            // A record bound through its constructor names the record, not the field's type.
            _ => "has the wrong type for this field",
        });
        return path is null ? text : $"{text} (at {path})";
    }

    [GeneratedRegex(@" Path: (\S+?)(?: \||\.?$)")]
    private static partial Regex PathRegex();

    [GeneratedRegex(@"could not be converted to ([\w.+`\[\],]+)")]
    private static partial Regex ConvertRegex();
}
