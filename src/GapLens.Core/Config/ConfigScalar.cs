namespace GapLens.Core.Config;

/// <summary>
/// A configuration value as written by the user, before typing: the text (null for <c>null</c>),
/// whether it was quoted (a quoted value is always a string), and where it came from (for messages).
/// <c>???</c> unquoted is Hydra's "missing mandatory value".
/// </summary>
public sealed record ConfigScalar(string? Text, bool Quoted, string Source)
{
    public bool IsMissingMarker => !Quoted && Text == "???";

    /// <summary>Parses a Hydra command-line override value: <c>null</c>, a quoted string or plain text.</summary>
    public static ConfigScalar FromOverride(string value, string source)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return new ConfigScalar(value[1..^1], true, source);
        }
        return value == "null" ? new ConfigScalar(null, false, source) : new ConfigScalar(value, false, source);
    }
}
