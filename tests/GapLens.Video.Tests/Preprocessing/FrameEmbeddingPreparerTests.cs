using GapLens.IO.Embeddings;
using GapLens.IO.Tensors;
using GapLens.Testing;
using GapLens.Video.Encoders;
using GapLens.Video.Frames;
using GapLens.Video.Preprocessing;
using GapLens.Video.Tests.Encoders;
using SkiaSharp;

namespace GapLens.Video.Tests.Preprocessing;

public sealed class FrameEmbeddingPreparerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly OnnxImageEncoder _encoder = OnnxImageEncoder.Create(TinySiglip.VisionModel, new OnnxEncoderOptions(IntraOpThreads: 1, MaxBatchSize: 4));

    public void Dispose()
    {
        _encoder.Dispose();
        _dir.Dispose();
    }

    private string Frames => _dir.Combine("frames");

    private string Embeddings => _dir.Combine("embeddings");

    /// <summary>Real JPEG frames (SkiaSharp), each a different colour and size.</summary>
    private void MakeVideo(string key, params int[] numbers)
    {
        Directory.CreateDirectory(Path.Combine(Frames, key));
        foreach (int n in numbers)
        {
            using var surface = SKSurface.Create(new SKImageInfo(64 + n, 48));
            surface.Canvas.Clear(new SKColor((byte)(n * 37 % 256), (byte)(n * 91 % 256), (byte)(key.Length * 50 % 256)));
            using var paint = new SKPaint { Color = SKColors.White };
            surface.Canvas.DrawCircle(10 + n % 40, 20, 8, paint);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(Frames, key, FrameName.Format(n)), data.ToArray());
        }
    }

    [Fact]
    public async Task WritesOneSafetensorsPerVideoInFrameOrderWithTheEncodersVectors()
    {
        MakeVideo("a", 0, 1, 2, 10, 3, 4, 5);
        MakeVideo("b", 7);
        var seen = new List<PrepareProgress>();
        var summary = await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, _encoder, new PrepareOptions(BatchSize: 3, Fps: 1), seen.Add, CancellationToken.None);
        Assert.Equal(2, summary.Written);
        Assert.Equal(["a.safetensors", "b.safetensors"], Directory.GetFiles(Embeddings).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var e = FrameEmbeddings.Open(Path.Combine(Embeddings, "a.safetensors"));
        Assert.Equal<string>(["frame_0.jpg", "frame_1.jpg", "frame_2.jpg", "frame_3.jpg", "frame_4.jpg", "frame_5.jpg", "frame_10.jpg"], e.Filenames);
        Assert.Equal(_encoder.Identity, e.Metadata[FrameEmbeddingPreparer.EncoderKey]);
        Assert.Equal("1", e.Metadata[FrameEmbeddingPreparer.FpsKey]);
        // Encoded in the same batches of 3 (ONNX Runtime's float sums depend on the batch size).
        var expected = new List<float[]>();
        foreach (var chunk in e.Filenames.Select(f => Path.Combine(Frames, "a", f)).Chunk(3)) expected.AddRange(await _encoder.EncodeAsync(chunk, CancellationToken.None));
        for (int r = 0; r < e.Rows; r++)
        {
            var row = new float[e.Dimension];
            e.Matrix.ReadRow(r, row);
            Assert.Equal(expected[r], row);
        }
        Assert.Equal(new PrepareProgress(2, 2, 8), seen[^1]);
        Assert.Contains(seen, p => p.VideosDone == 0 && p.FramesEncoded == 3);
    }

    [Fact]
    public async Task AFinishedVideoIsSkippedAndAChangedOrDamagedOneIsRedone()
    {
        MakeVideo("a", 0, 1, 2);
        MakeVideo("b", 0, 1);
        MakeVideo("c", 0);
        var options = new PrepareOptions(BatchSize: 2);
        await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, _encoder, options, null, CancellationToken.None);
        MakeVideo("b", 5);                                                  // b got a new frame
        string c = Path.Combine(Embeddings, "c.safetensors");
        File.WriteAllBytes(c, File.ReadAllBytes(c)[..^10]);                 // c was cut short
        File.WriteAllText(Path.Combine(Embeddings, ".a.safetensors.1.dead.tmp"), "left by a killed run");
        var seen = new List<PrepareProgress>();
        var second = await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, _encoder, options, seen.Add, CancellationToken.None);
        Assert.Equal([PrepareStatus.Skipped, PrepareStatus.Written, PrepareStatus.Written], second.Videos.Select(v => v.Status));
        Assert.Contains("another frame list (2 frames, the folder has 3)", second.Videos[1].Error);
        Assert.Contains("unreadable", second.Videos[2].Error);
        Assert.Equal(4, seen[^1].FramesEncoded);
        using (var b = FrameEmbeddings.Open(Path.Combine(Embeddings, "b.safetensors"))) Assert.Equal(3, b.Rows);
        // Skipping a finished video does not remove another video's files; the leftover of a is only
        // cleared when a is written again.
        Assert.True(File.Exists(Path.Combine(Embeddings, ".a.safetensors.1.dead.tmp")));
    }

    [Fact]
    public async Task AnotherEncoderMeansTheVideoIsRedone()
    {
        MakeVideo("a", 0, 1);
        await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, _encoder, new PrepareOptions(), null, CancellationToken.None);
        var other = new GeneratorImageEncoder(new FakeEmbeddingGenerator(_ => [1f, 2f, 3f]) { ModelId = "other" });
        var r = await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, other, new PrepareOptions(StoreAs: TensorDType.Float16), null, CancellationToken.None);
        Assert.Equal(PrepareStatus.Written, r.Videos[0].Status);
        Assert.Contains("not embeddings-endpoint-image:model other", r.Videos[0].Error);
        using var e = FrameEmbeddings.Open(Path.Combine(Embeddings, "a.safetensors"));
        Assert.Equal(TensorDType.Float16, e.Matrix.DType);
        Assert.Equal(3, e.Dimension);
    }

    [Fact]
    public async Task ABadVideoFailsAloneAndLeavesNoFile()
    {
        MakeVideo("a", 0);
        Directory.CreateDirectory(Path.Combine(Frames, "empty"));
        Directory.CreateDirectory(Path.Combine(Frames, "broken"));
        File.WriteAllText(Path.Combine(Frames, "broken", "frame_0.jpg"), "not a jpeg");
        var summary = await FrameEmbeddingPreparer.PrepareAllAsync(Frames, Embeddings, _encoder, new PrepareOptions(Concurrency: 2), null, CancellationToken.None);
        Assert.Equal(["a", "broken", "empty"], summary.Videos.Select(v => v.Key));
        Assert.Equal([PrepareStatus.Written, PrepareStatus.Failed, PrepareStatus.Failed], summary.Videos.Select(v => v.Status));
        Assert.Contains("frame_0.jpg cannot be decoded", summary.Videos[1].Error);
        Assert.Contains("no frame_<N>.jpg", summary.Videos[2].Error);
        Assert.Equal(["a.safetensors"], Directory.GetFiles(Embeddings).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ACancelledRunLeavesNoHalfWrittenFile()
    {
        MakeVideo("a", 0, 1, 2, 3);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FrameEmbeddingPreparer.PrepareVideoAsync(Path.Combine(Frames, "a"), Embeddings, _encoder, new PrepareOptions(BatchSize: 1), _ => cts.Cancel(), cts.Token));
        Assert.Empty(Directory.GetFiles(Embeddings, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AMissingFramesRootIsAUserError()
    {
        var ex = await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => FrameEmbeddingPreparer.PrepareAllAsync(_dir.Combine("nope"), Embeddings, _encoder, new PrepareOptions(), null, CancellationToken.None));
        Assert.Contains("nope not found", ex.Message);
    }
}
