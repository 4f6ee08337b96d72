namespace GapLens.Core.Config;

/// <summary>One key of an action's configuration. A required key has no default (<c>???</c> in TAO).
/// A numeric key declares the values it accepts in <paramref name="Range"/>, checked when the
/// configuration is resolved.</summary>
public sealed record ConfigKey(string Name, ConfigKind Kind, bool Required, object? Default, string Description, string? FlagName = null, ValueRange? Range = null);
