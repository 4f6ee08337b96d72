using GapLens.IO.Embeddings;
using GapLens.Testing;
using GapLens.Video.Encoders;
using GapLens.Video.Frames;
using GapLens.Video.Preprocessing;
using GapLens.Video.Retrieval;
using GapLens.Video.Tests.Encoders;

namespace GapLens.Video.Tests.Preprocessing;

/// <summary>The path the video-QA agent takes: frames prepared into embeddings with the vision
/// tower, a query embedded with the text tower, top-5 frames retrieved with ids and scores.</summary>
public sealed class PrepareThenRetrieveTests
{
    [Fact]
    public async Task RetrievesTheTopFiveFramesOfAPreparedVideoForATextQuery()
    {
        using var dir = new TempDir();
        string frames = dir.Combine("frames", "vid");
        Directory.CreateDirectory(frames);
        // The tiny fixtures as eight one-second frames (PNG content under .jpg names decodes the same).
        var sources = TinySiglip.Images.Select(i => TinySiglip.PathOf(i.GetProperty("file").GetString()!)).ToList();
        for (int n = 0; n < 8; n++) File.Copy(sources[n % sources.Count], Path.Combine(frames, FrameName.Format(n)));
        using var vision = OnnxImageEncoder.Create(TinySiglip.VisionModel);
        using var text = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece);
        var summary = await FrameEmbeddingPreparer.PrepareAllAsync(dir.Combine("frames"), dir.Combine("embeddings"), vision, new PrepareOptions(BatchSize: 3, Fps: 1), null, CancellationToken.None);
        Assert.Equal(1, summary.Written);

        using var embeddings = FrameEmbeddingFiles.OpenForKey(dir.Combine("embeddings"), "vid");
        var retriever = new FrameRetriever(embeddings, VideoFrames.Scan(frames));
        float[] query = (await text.EncodeAsync(["a man walks a dog"], CancellationToken.None))[0];
        var top = retriever.Search(query, 5);

        // Expected: cosine of the query with every stored row, best first, ties to the earlier frame.
        var expected = Enumerable.Range(0, embeddings.Rows).Select(r =>
        {
            var row = new float[embeddings.Dimension];
            embeddings.Matrix.ReadRow(r, row);
            double dot = row.Zip(query, (a, b) => (double)a * b).Sum(), norm = Math.Sqrt(row.Sum(a => (double)a * a));
            return (Row: r, Score: dot / norm);
        }).OrderByDescending(x => x.Score).ThenBy(x => x.Row).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.Row), top.Frames.Select(f => f.Row));
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i].Score, top.Frames[i].Score, 1e-6);
        Assert.All(top.Frames, f => Assert.Equal(f.Row + 1, f.FrameId));
        Assert.All(top.Frames, f => Assert.Equal((long)f.Row, f.FrameNumber));
        Assert.Empty(top.MissingImages);
        // Frames n and n + 4 are the same image: the same score up to ONNX Runtime's float sums, which
        // depend on a frame's batch (exact ties are covered by the retrieval tests). Five of eight
        // frames include at least one such pair.
        var pairs = top.Frames.GroupBy(f => f.Row % sources.Count).Where(g => g.Count() == 2).ToList();
        Assert.NotEmpty(pairs);
        Assert.All(pairs, g => Assert.Equal(g.First().Score, g.Last().Score, 1e-5f));
    }
}
