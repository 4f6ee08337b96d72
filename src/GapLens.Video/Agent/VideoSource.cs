using GapLens.IO.Embeddings;
using GapLens.Video.Frames;
using GapLens.Video.Retrieval;

namespace GapLens.Video.Agent;

/// <summary>
/// One video as the agent sees it: its frames on disk (ids 1..total), its frame embeddings
/// (memory-mapped) and a retriever over both, and the rate the frames were sampled at. Owns the
/// embeddings: dispose when no item of the video is running any more.
/// </summary>
public sealed class VideoSource : IDisposable
{
    private readonly FrameEmbeddings _embeddings;

    private VideoSource(string key, VideoFrames frames, FrameEmbeddings embeddings, double fps)
    {
        Key = key;
        Frames = frames;
        _embeddings = embeddings;
        Retriever = new FrameRetriever(embeddings, frames);
        Fps = fps;
    }

    public string Key { get; }

    public VideoFrames Frames { get; }

    public FrameRetriever Retriever { get; }

    public int TotalFrames => Frames.Frames.Length;

    public int Dimension => _embeddings.Dimension;

    /// <summary>Frames per second of the sampling: frame_&lt;N&gt; shows t = N / fps.</summary>
    public double Fps { get; }

    /// <summary>Opens &lt;framesRoot&gt;/&lt;key&gt;/ and &lt;embeddingsRoot&gt;/&lt;key&gt;.* (user errors name a missing
    /// or unreadable one). The rate is <paramref name="fps"/> when given, else the embeddings file's
    /// "fps" metadata (written by videoqa prepare), else 1.</summary>
    public static VideoSource Open(string framesRoot, string embeddingsRoot, string key, double? fps)
    {
        var frames = VideoFrames.Scan(Path.Combine(framesRoot, key));
        var embeddings = FrameEmbeddingFiles.OpenForKey(embeddingsRoot, key);
        try
        {
            double rate = fps ?? FpsOf(embeddings) ?? 1.0;
            return new VideoSource(key, frames, embeddings, rate);
        }
        catch
        {
            embeddings.Dispose();
            throw;
        }
    }

    /// <summary>The "fps" metadata of an embeddings file, when it has a positive one.</summary>
    public static double? FpsOf(FrameEmbeddings embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        return embeddings.Metadata.TryGetValue("fps", out string? s)
            && double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v)
            && double.IsFinite(v) && v > 0 ? v : null;
    }

    public void Dispose() => _embeddings.Dispose();
}
