namespace GapLens.Core.Config;

/// <summary>One key of an action's configuration. A required key has no default (<c>???</c> in TAO).</summary>
public sealed record ConfigKey(string Name, ConfigKind Kind, bool Required, object? Default, string Description, string? FlagName = null);
