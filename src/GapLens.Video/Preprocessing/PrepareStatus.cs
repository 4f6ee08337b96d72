namespace GapLens.Video.Preprocessing;

/// <summary>What happened to one video.</summary>
public enum PrepareStatus
{
    /// <summary>Embeddings computed and written.</summary>
    Written,

    /// <summary>A finished file for the same frames and encoder was already there.</summary>
    Skipped,

    /// <summary>A problem with this video (no frames, an unreadable image, ...); the others went on.</summary>
    Failed,
}
