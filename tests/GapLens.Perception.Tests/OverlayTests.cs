using GapLens.IO.Files;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Attention;
using GapLens.Perception.Scoring;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Perception.Tests;

public sealed class OverlayTests
{
    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a PNG");

    private static void Near(SKColor want, SKColor got, int tol = 2)
    {
        Assert.True(Math.Abs(want.Red - got.Red) <= tol && Math.Abs(want.Green - got.Green) <= tol && Math.Abs(want.Blue - got.Blue) <= tol, $"expected {want}, got {got}");
    }

    [Fact]
    public void CellsAreCrispRectanglesBlendedOverTheBlankCanvasAndBoxesAreOutlined()
    {
        // 2 x 4 map over a 400 x 200 frame: cells of 100 x 100 pixels.
        float[] map = [0, 0, 0, 4, 0, 2, 0, 0];
        var spec = new OverlaySpec(400, 200, map, 2, 4, null, [new NormalizedBox(0.5, 0.5, 0.75, 1.0)], ["cup"], null, "T001 strongest", 0.5);
        using var bmp = Decode(OverlayRenderer.RenderPng(spec));
        Assert.Equal(400, bmp.Width);
        Assert.Equal(200 + OverlayRenderer.CaptionHeight, bmp.Height);
        int top = OverlayRenderer.CaptionHeight;
        static SKColor Blend(SKColor heat, double a) => new((byte)Math.Round(heat.Red * a + 58 * (1 - a)), (byte)Math.Round(heat.Green * a + 58 * (1 - a)), (byte)Math.Round(heat.Blue * a + 58 * (1 - a)));
        Assert.Equal(new SKColor(58, 58, 58), bmp.GetPixel(50, top + 50)); // a zero cell: the canvas
        Near(Blend(OverlayRenderer.Heat(1), 0.5), bmp.GetPixel(350, top + 50)); // the maximum
        Near(Blend(OverlayRenderer.Heat(0.5), 0.25), bmp.GetPixel(150, top + 150)); // half the maximum
        // Crisp: every pixel strictly inside the maximum's cell has the same colour, up to the cell edge.
        var c = bmp.GetPixel(301, top + 1);
        for (int x = 301; x < 399; x += 7)
        {
            for (int y = top + 1; y < top + 99; y += 7) Assert.Equal(c, bmp.GetPixel(x, y));
        }
        Assert.NotEqual(c, bmp.GetPixel(299, top + 50));
        Near(new SKColor(0, 229, 255), bmp.GetPixel(200, top + 150), 0); // the box's left edge at x = 200
        Near(new SKColor(0, 229, 255), bmp.GetPixel(250, top + 199), 0); // its bottom edge
    }

    [Fact]
    public void ABackgroundFrameShowsWhereTheMapIsCold()
    {
        using var frame = new SKBitmap(64, 32);
        frame.Erase(new SKColor(200, 30, 30));
        using var encoded = SKImage.FromBitmap(frame).Encode(SKEncodedImageFormat.Png, 100);
        var spec = new OverlaySpec(320, 160, new float[] { 0, 1 }, 1, 2, null, [], [], encoded.ToArray(), "line one\nline two");
        using var bmp = Decode(OverlayRenderer.RenderPng(spec));
        Assert.Equal(new SKColor(200, 30, 30), bmp.GetPixel(40, OverlayRenderer.CaptionHeight + 80));
        Assert.NotEqual(new SKColor(200, 30, 30), bmp.GetPixel(280, OverlayRenderer.CaptionHeight + 80));
    }

    [Fact]
    public async Task TheGalleryHasTheStrongestAndWeakestQuestionOfEachTaskAtTheirBestAndWorstFrames()
    {
        var scores = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_a.json")));
        var maps = new AttentionMapFolder(Fixture.PathOf("maps"));
        var result = AttentionAnalyzer.Analyze(Fixture.Annotations, maps, scores);
        using var dir = new TempDir();
        // One real frame image for video_10000 frame 0; every other overlay gets a blank canvas.
        Directory.CreateDirectory(dir.Combine("frames", "video_10000"));
        using (var frame = new SKBitmap(128, 72))
        {
            frame.Erase(SKColors.DarkGreen);
            using var png = SKImage.FromBitmap(frame).Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(dir.Combine("frames", "video_10000", "0.png"), png.ToArray());
        }
        var outputs = OutputSet.Open(dir.Combine("out"), "--out", ["gallery/"], []);
        var images = await AttentionGallery.WriteAsync(result, Fixture.Annotations, maps, outputs, "gallery", new FrameImageFolder(dir.Combine("frames")),
            new OverlayOptions { Slice = 6, Metric = LocalisationMetric.MassRatio }, CancellationToken.None);
        outputs.Commit(_ => [(byte)'{', (byte)'}']);
        outputs.Dispose();
        int tasks = result.Questions.Where(q => q.Slices[6].MassRatio.HasValue).Select(q => q.TaskId).Distinct().Count();
        Assert.InRange(images.Length, tasks, 2 * tasks);
        Assert.Equal(images.Select(i => i.File).Order(StringComparer.Ordinal), Directory.GetFiles(dir.Combine("out", "gallery")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var task in images.GroupBy(i => i.TaskId))
        {
            var strongest = Assert.Single(task, i => i.Kind == OverlayKind.Strongest);
            var weakest = task.SingleOrDefault(i => i.Kind == OverlayKind.Weakest);
            var members = result.Questions.Where(q => q.TaskId == task.Key && q.Slices[6].MassRatio.HasValue).Select(q => q.Slices[6].MassRatio!.Value).ToList();
            Assert.Equal(members.Max(), strongest.QuestionValue);
            if (weakest is not null) Assert.Equal(members.Min(), weakest.QuestionValue);
            Assert.Equal($"{task.Key}-strongest.png", strongest.File);
        }
        Assert.All(images, i => Assert.True(i.FrameChance is > 0 and < 1));
        var first = images.First(i => i.VideoId != "video_10000" || i.FrameId != 0);
        using var bmp = Decode(File.ReadAllBytes(dir.Combine("out", "gallery", first.File)));
        Assert.Equal(first.Width, bmp.Width);
        Assert.Equal(first.Height, bmp.Height);
        Assert.Equal(960, Math.Max(bmp.Width, bmp.Height - OverlayRenderer.CaptionHeight)); // 1280 x 720 or 1920 x 1080 scaled to 960
        Assert.False(first.FrameImage);
        Assert.Equal(images.Any(i => i.VideoId == "video_10000" && i.FrameId == 0), images.Any(i => i.FrameImage));
    }
}
