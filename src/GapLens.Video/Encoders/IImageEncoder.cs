namespace GapLens.Video.Encoders;

/// <summary>Turns image files (video frames) into L2-normalised embeddings. Thread-safe.</summary>
public interface IImageEncoder
{
    /// <summary>What produced the embeddings (see <see cref="ITextEncoder.Identity"/>).</summary>
    string Identity { get; }

    /// <summary>One unit-length vector per image file, in order. An unreadable image is a user error
    /// naming the file.</summary>
    Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> imagePaths, CancellationToken cancellationToken);
}
