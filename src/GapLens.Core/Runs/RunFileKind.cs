namespace GapLens.Core.Runs;

/// <summary>What a <see cref="RunFile"/> names.</summary>
public enum RunFileKind
{
    File,
    Folder,

    /// <summary>Named by the options but absent (e.g. an optional folder that does not exist).</summary>
    Missing,
}
