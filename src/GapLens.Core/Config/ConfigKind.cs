namespace GapLens.Core.Config;

/// <summary>The type a configuration key accepts.</summary>
public enum ConfigKind
{
    /// <summary>Text taken as written (a path, a name); numbers stay text.</summary>
    String,

    /// <summary>A floating-point number in the invariant culture.</summary>
    Float,

    /// <summary>An integer, or <c>null</c>.</summary>
    NullableInt,
}
