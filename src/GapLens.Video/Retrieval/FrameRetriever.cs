using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Embeddings;
using GapLens.Video.Frames;

namespace GapLens.Video.Retrieval;

/// <summary>
/// Retrieval over one video: its frame embeddings (memory-mapped) and its frames on disk. Searches
/// return frame numbers and ids, and report frames whose image is missing. Thread-safe; does not own
/// the embeddings (dispose them when the video is done: one video's matrix per concurrent item).
/// </summary>
public sealed class FrameRetriever(FrameEmbeddings embeddings, VideoFrames frames, SearchOptions? options = null)
{
    public FrameEmbeddings Embeddings { get; } = embeddings ?? throw new ArgumentNullException(nameof(embeddings));

    public VideoFrames Frames { get; } = frames ?? throw new ArgumentNullException(nameof(frames));

    /// <summary>The <paramref name="k"/> frames most similar to a query embedding (default 5, as the
    /// reference agent's get_frames_by_similarity).</summary>
    public FrameRetrieval Search(ReadOnlySpan<float> query, int k = 5) => Search([query.ToArray()], k)[0];

    /// <summary>One retrieval per query, in one pass over the matrix.</summary>
    public ImmutableArray<FrameRetrieval> Search(IReadOnlyList<float[]> queries, int k = 5)
    {
        ArgumentNullException.ThrowIfNull(queries);
        foreach (var q in queries)
        {
            if (q.Length != Embeddings.Dimension)
                throw new UserInputException($"a query embedding has dimension {q.Length} but {Embeddings.Path} has {Embeddings.Dimension}: the text encoder does not match the frame embeddings");
        }
        var results = SimilaritySearch.TopK(Embeddings.Matrix, queries, k, options);
        return [.. results.Select(Describe)];
    }

    private FrameRetrieval Describe(SearchResult result)
    {
        var frames = ImmutableArray.CreateBuilder<RetrievedFrame>(result.Top.Length);
        var missing = ImmutableArray.CreateBuilder<string>();
        foreach (var hit in result.Top)
        {
            string name = Embeddings.Filenames[hit.Row];
            var file = Frames.Find(name);
            if (file is null) missing.Add(name);
            frames.Add(new RetrievedFrame(hit.Row, name, FrameName.TryParse(name), file?.Id, file?.Path, hit.Score));
        }
        return new FrameRetrieval(frames.MoveToImmutable(), missing.ToImmutable(), result.UndefinedRows);
    }
}
