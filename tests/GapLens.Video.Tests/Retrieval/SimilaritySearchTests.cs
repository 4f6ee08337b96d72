using System.Text.Json;
using GapLens.IO.Embeddings;
using GapLens.IO.Tensors;
using GapLens.Testing;
using GapLens.Video.Retrieval;

namespace GapLens.Video.Tests.Retrieval;

public sealed class SimilaritySearchTests
{
    private static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("retrieval", "expected.json"))).RootElement;

    private static float[][] Queries => [.. Expected.GetProperty("queries").EnumerateArray().Select(q => q.EnumerateArray().Select(v => (float)v.GetDouble()).ToArray())];

    [Theory]
    [InlineData("f32", 1, 8192)]
    [InlineData("f32", 4, 7)]
    [InlineData("f16", 1, 8192)]
    [InlineData("f16", 3, 13)]
    [InlineData("bf16", 2, 50)]
    public void MatchesNumpyTopKForEveryQueryAndDtype(string dtype, int threads, int chunk)
    {
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", $"m_{dtype}.pt"));
        var results = SimilaritySearch.TopK(e.Matrix, Queries, 10, new SearchOptions(threads, chunk));
        var expected = Expected.GetProperty("expected").GetProperty(dtype).EnumerateArray().ToList();
        Assert.Equal(expected.Count, results.Length);
        for (int q = 0; q < expected.Count; q++)
        {
            var want = expected[q].EnumerateArray().ToList();
            Assert.Equal(want.Select(w => w.GetProperty("row").GetInt32()), results[q].Top.Select(t => t.Row));
            for (int i = 0; i < want.Count; i++) Assert.Equal(want[i].GetProperty("score").GetDouble(), results[q].Top[i].Score, 1e-6);
            Assert.Equal(1, results[q].UndefinedRows);
        }
    }

    [Fact]
    public void TiesGoToTheLowerRowAcrossThreadsAndChunks()
    {
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", "m_f32.pt"));
        var top = SimilaritySearch.TopK(e.Matrix, Queries[0], 2, new SearchOptions(4, 3));
        Assert.Equal([10, 250], top.Top.Select(t => t.Row));
        // All rows equal: every score ties, the first rows win whatever the chunking.
        var ones = TensorView.FromArray(Enumerable.Repeat(1f, 1000 * 4).ToArray(), 1000, 4);
        foreach (int chunk in new[] { 1, 7, 100, 5000 })
        {
            var r = SimilaritySearch.TopK(ones, [1f, 1f, 1f, 1f], 5, new SearchOptions(4, chunk));
            Assert.Equal([0, 1, 2, 3, 4], r.Top.Select(t => t.Row));
            Assert.All(r.Top, t => Assert.Equal(1f, t.Score, 1e-6f));
        }
    }

    [Fact]
    public void ASingleQueryEqualsTheSameQueryInABatch()
    {
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", "m_f32.pt"));
        var batch = SimilaritySearch.TopK(e.Matrix, Queries, 5);
        for (int q = 0; q < Queries.Length; q++) Assert.Equal<ScoredRow>(batch[q].Top, SimilaritySearch.TopK(e.Matrix, Queries[q], 5).Top);
    }

    [Fact]
    public void KLargerThanTheRowsReturnsEveryDefinedRow()
    {
        var m = TensorView.FromArray([1f, 0f, 0f, 0f, 0f, 2f], 3, 2);
        var r = SimilaritySearch.TopK(m, [0f, 1f], 10);
        Assert.Equal([2, 0], r.Top.Select(t => t.Row));
        Assert.Equal([1f, 0f], r.Top.Select(t => t.Score));
        Assert.Equal(1, r.UndefinedRows);
    }

    [Fact]
    public void AnEmptyMatrixGivesAnEmptyResult()
    {
        var m = TensorView.FromArray(Array.Empty<float>(), 0, 3);
        Assert.Empty(SimilaritySearch.TopK(m, [1f, 0f, 0f], 5).Top);
    }

    [Fact]
    public void ASingleRowIsItsOwnTopOne()
    {
        var m = TensorView.FromArray([3f, 4f], 1, 2);
        var r = SimilaritySearch.TopK(m, [4f, 3f], 5);
        Assert.Equal(0, Assert.Single(r.Top).Row);
        Assert.Equal(24f / 25f, r.Top[0].Score, 1e-7f);
    }

    [Fact]
    public void ATransposedMatrixIsSearchedThroughItsStrides()
    {
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", "m_f32.pt"));
        float[] copy = e.Matrix.ToArray();
        // Store the transpose contiguously, then view it transposed back: same matrix, strided rows.
        var t = new float[copy.Length];
        for (int r = 0; r < 300; r++) for (int c = 0; c < 16; c++) t[c * 300 + r] = copy[r * 16 + c];
        var strided = TensorView.FromArray(t, 16, 300).Permute(1, 0);
        Assert.False(strided.HasContiguousRows);
        Assert.Equal<ScoredRow>(SimilaritySearch.TopK(e.Matrix, Queries[1], 10).Top, SimilaritySearch.TopK(strided, Queries[1], 10).Top);
    }

    [Fact]
    public void BadQueriesAreRefused()
    {
        var m = TensorView.FromArray([1f, 0f], 1, 2);
        Assert.Throws<ArgumentException>(() => SimilaritySearch.TopK(m, [0f, 0f], 1));
        Assert.Throws<ArgumentException>(() => SimilaritySearch.TopK(m, [1f, 0f, 0f], 1));
        Assert.Throws<ArgumentException>(() => SimilaritySearch.TopK(m, [float.NaN, 0f], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimilaritySearch.TopK(m, [1f, 0f], 0));
    }
}
