namespace GapLens.Video.Encoders;

/// <summary>
/// How token sequences are padded before the SigLIP text tower. SigLIP pools the LAST position, so
/// padding changes the embedding: it was trained on sequences padded to 64 tokens.
/// </summary>
public enum TextPadding
{
    /// <summary>Pad every text to the maximum length (64) with the pad token, as SigLIP was trained
    /// (Hugging Face: <c>padding="max_length"</c>). The default: a query's embedding does not depend
    /// on the other texts in its batch.</summary>
    MaxLength,

    /// <summary>Pad to the longest text of the batch (<c>padding=True</c>), the reference script's
    /// behaviour: a single query is not padded at all, and a text's embedding changes with its batch.</summary>
    Longest,
}
