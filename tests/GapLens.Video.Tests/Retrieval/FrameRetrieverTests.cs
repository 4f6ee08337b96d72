using GapLens.Core;
using GapLens.IO.Embeddings;
using GapLens.Testing;
using GapLens.Video.Frames;
using GapLens.Video.Retrieval;

namespace GapLens.Video.Tests.Retrieval;

public sealed class FrameRetrieverTests
{
    [Fact]
    public void ReturnsFrameNumbersAndIdsAndReportsMissingImages()
    {
        using var dir = new TempDir();
        // Frames on disk: every one but frame_250.jpg (a tie at the top for query = row 10).
        for (int i = 0; i < 300; i++)
        {
            if (i != 250) dir.File(Path.Combine("frames", "v", FrameName.Format(i)), "jpg");
        }
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", "m_f32.pt"));
        var retriever = new FrameRetriever(e, VideoFrames.Scan(dir.Combine("frames", "v")));
        float[] query = e.Matrix.Slice(0, 10, 1).ToArray();
        var r = retriever.Search(query, 3);
        Assert.Equal(["frame_10.jpg", "frame_250.jpg", "frame_251.jpg"], r.Frames.Select(f => f.FileName));
        Assert.Equal([10L, 250L, 251L], r.Frames.Select(f => f.FrameNumber!.Value));
        Assert.Equal([11, (int?)null, 251], r.Frames.Select(f => f.FrameId));
        Assert.True(r.Frames[1].ImageMissing);
        Assert.Equal<string>(["frame_250.jpg"], r.MissingImages);
        Assert.Equal(dir.Combine("frames", "v", "frame_251.jpg"), r.Frames[2].ImagePath);
        Assert.Equal(1, r.UndefinedRows);
    }

    [Fact]
    public void AQueryOfAnotherDimensionIsAUserErrorNamingTheFile()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("v"));
        using var e = FrameEmbeddings.Open(TestData.PathOf("retrieval", "m_f32.pt"));
        var retriever = new FrameRetriever(e, VideoFrames.Scan(dir.Combine("v")));
        var ex = Assert.Throws<UserInputException>(() => retriever.Search(new float[8]));
        Assert.Contains("dimension 8 but", ex.Message);
        Assert.Contains("m_f32.pt has 16", ex.Message);
    }
}
