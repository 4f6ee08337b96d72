using GapLens.Perception.Annotations;
using GapLens.Perception.Attention;

namespace GapLens.Perception.Tests;

public sealed class AttentionMetricTests
{
    private static double[] Cover(int h, int w, params NormalizedBox[] boxes)
    {
        var c = new double[h * w];
        BoxRaster.Rasterise(boxes, h, w, c);
        return c;
    }

    [Fact]
    public void ABoxCoversCellsByTheExactShareOfTheirArea()
    {
        // 4 x 4 grid; box from 0.125 to 0.625 in x (cells 0.5 to 2.5) and 0 to 0.25 in y (row 0).
        var c = Cover(4, 4, new NormalizedBox(0.125, 0, 0.625, 0.25));
        Assert.Equal([0.5, 1, 0.5, 0], c[..4]);
        Assert.All(c[4..], v => Assert.Equal(0, v));
    }

    [Fact]
    public void OverlappingBoxesCountOnceAndTheAreaIsTheUnion()
    {
        var boxes = new[] { new NormalizedBox(0.1, 0.1, 0.6, 0.6), new NormalizedBox(0.3, 0.3, 0.9, 0.8), new NormalizedBox(0.35, 0.35, 0.4, 0.4) };
        var c = new double[10 * 10];
        double area = BoxRaster.Rasterise(boxes, 10, 10, c);
        double union = 0.25 + 0.6 * 0.5 - 0.3 * 0.3; // |A| + |B| - |A and B|; C lies inside both
        Assert.Equal(union * 100, area, 9);
        Assert.Equal(union * 100, c.Sum(), 9);
        Assert.All(c, v => Assert.InRange(v, 0, 1));
        // Against supersampling at 200 x 200 points per cell row: agreement to the sampling error.
        for (int cell = 0; cell < 100; cell += 7)
        {
            int r = cell / 10, col = cell % 10, inside = 0, n = 200;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double x = (col + (j + 0.5) / n) / 10, y = (r + (i + 0.5) / n) / 10;
                    if (boxes.Any(b => x >= b.X1 && x < b.X2 && y >= b.Y1 && y < b.Y2)) inside++;
                }
            }
            Assert.Equal((double)inside / (n * n), c[cell], 2);
        }
    }

    [Fact]
    public void ACropMapsTheBoxesIntoTheCroppedRegionAndDropsWhatFallsOutside()
    {
        var c = new double[2 * 2];
        double area = BoxRaster.Rasterise([new NormalizedBox(0.25, 0, 0.5, 0.5)], 2, 2, c, new NormalizedBox(0.25, 0, 0.75, 1));
        Assert.Equal([1, 0, 0, 0], c); // x 0.25..0.5 of the frame is the left half of the crop
        Assert.Equal(1, area);
        Assert.Equal(0, BoxRaster.Rasterise([new NormalizedBox(0, 0, 0.2, 1)], 2, 2, c, new NormalizedBox(0.25, 0, 0.75, 1)));
        Assert.Equal(0, BoxRaster.Rasterise([new NormalizedBox(0.5, 0.5, 0.5, 0.9)], 2, 2, c)); // empty box
    }

    private static FrameScores Score(float[] map, double[] cov, double[]? sweep = null)
    {
        sweep ??= [0.15, 0.5];
        var target = new bool[cov.Length];
        for (int i = 0; i < cov.Length; i++) target[i] = cov[i] > 1e-9;
        return new FrameScorer(sweep, 0).Score(map, cov, cov.Sum(), target, new double[sweep.Length]);
    }

    [Fact]
    public void AUniformMapScoresExactlyWhatChanceGives()
    {
        var rng = new Random(5);
        for (int t = 0; t < 200; t++)
        {
            double x = rng.NextDouble() * 0.8, y = rng.NextDouble() * 0.8;
            var cov = Cover(6, 7, new NormalizedBox(x, y, x + rng.NextDouble() * 0.2 + 0.01, y + rng.NextDouble() * 0.2 + 0.01));
            var map = Enumerable.Repeat(0.3f, 42).ToArray();
            var s = Score(map, cov);
            var chance = FrameScorer.Chance(42, cov.Sum(), cov.Count(v => v > 1e-9));
            Assert.Equal(chance.Pointing, s.Pointing, 12);
            Assert.Equal(chance.MassRatio!.Value, s.MassRatio!.Value, 12);
            Assert.Equal(chance.RankAccuracy, s.RankAccuracy, 12);
            Assert.Equal(chance.Iou, s.Iou, 12);
            Assert.Equal(0.5, s.RocAuc!.Value, 12);
        }
    }

    [Fact]
    public void AMapEqualToTheBoxScoresOneEverywhere()
    {
        var cov = Cover(4, 4, new NormalizedBox(0.25, 0.25, 0.75, 0.5));
        var map = cov.Select(v => (float)v).ToArray();
        var s = Score(map, cov);
        Assert.Equal(new FrameScores(1, 1, 1, 1, 1), s);
    }

    [Fact]
    public void TheMaximumOutsideTheBoxMissesUnlessWithinTheTolerance()
    {
        var cov = Cover(5, 5, new NormalizedBox(0, 0, 0.2, 0.2)); // cell (0, 0)
        var map = new float[25];
        map[6] = 1; // cell (1, 1): diagonal neighbour, distance sqrt(2)
        Assert.Equal(0, Score(map, cov).Pointing);
        var target = new bool[25];
        var worker = new double[2];
        foreach (var (tol, hit) in new[] { (1.0, 0.0), (1.5, 1.0) })
        {
            Array.Clear(target);
            for (int i = 0; i < 25; i++)
            {
                int dy = i / 5, dx = i % 5;
                target[i] = dy * dy + dx * dx <= tol * tol;
            }
            Assert.Equal(hit, new FrameScorer([0.15, 0.5], 0).Score(map, cov, 1, target, worker).Pointing);
        }
    }

    [Fact]
    public void TiedMaximaScoreTheShareOnTheBoxAndRankAccuracyTakesTiesInProportion()
    {
        var cov = Cover(1, 4, new NormalizedBox(0, 0, 0.25, 1)); // the first of 4 cells
        var map = new float[] { 1, 1, 0, 0 };
        var s = Score(map, cov);
        Assert.Equal(0.5, s.Pointing);
        Assert.Equal(0.5, s.MassRatio);
        Assert.Equal(0.5, s.RankAccuracy); // K = 1 cell taken half from each of the two tied maxima
        Assert.Equal(0.5, s.Iou); // thresholded map = cells 0 and 1: intersection 1, union 2
        Assert.Equal(5.0 / 6, s.RocAuc!.Value, 12); // positive vs 3 negatives: beats 2, ties 1
    }

    [Fact]
    public void AllZeroMapsHaveNoMassRatioAndBoxesCoveringEverythingHaveNoAuc()
    {
        var cov = Cover(2, 2, new NormalizedBox(0, 0, 0.5, 0.5));
        Assert.Null(Score(new float[4], cov).MassRatio);
        var full = Cover(2, 2, new NormalizedBox(0, 0, 1, 1));
        var s = Score([1, 2, 3, 4], full);
        Assert.Null(s.RocAuc);
        Assert.Equal(1, s.MassRatio);
        Assert.Null(FrameScorer.Chance(4, 4, 4).RocAuc);
    }

    [Fact]
    public void TheRadixOrderIsDescendingByValueWithTiesByCellIndex()
    {
        var rng = new Random(3);
        foreach (int n in new[] { 1, 2, 7, 576, 4096 })
        {
            float[] v = [.. Enumerable.Range(0, n).Select(i => rng.Next(5) switch
            {
                0 => 0f,
                1 => -0f,
                2 => (float)Math.Round(rng.NextDouble() * 4) - 2, // ties, negatives
                _ => (float)(rng.NextDouble() * 1e6 - 1e3),
            })];
            // Keys built as the scorer builds them: the inverted order-preserving image of the value, then the cell.
            var keys = new ulong[n];
            for (int i = 0; i < n; i++)
            {
                uint bits = BitConverter.SingleToUInt32Bits(v[i] == 0 ? 0f : v[i]);
                uint sortable = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
                keys[i] = ((ulong)~sortable << 32) | (uint)i;
            }
            FrameScorer.SortByValue(keys, new ulong[n]);
            int[] got = [.. keys.Select(k => (int)(uint)k)];
            int[] want = [.. Enumerable.Range(0, n).OrderByDescending(i => v[i]).ThenBy(i => i)];
            Assert.Equal(want, got);
        }
    }

    [Fact]
    public void NearestExactAndInterpolatedFrameMatching()
    {
        var track = new ObjectTrack(1, "cup", false, [0, 30, 90], [new NormalizedBox(0, 0, 0.2, 0.2), new NormalizedBox(0.2, 0, 0.4, 0.2), new NormalizedBox(0.5, 0.5, 0.6, 0.6)]);
        var boxes = new List<NormalizedBox>();
        RelevantBoxes.At([track], 30, FrameMatching.Exact, 15, boxes);
        Assert.Equal([track.Boxes[1]], boxes);
        RelevantBoxes.At([track], 44, FrameMatching.Exact, 15, boxes);
        Assert.Empty(boxes);
        RelevantBoxes.At([track], 44, FrameMatching.Nearest, 15, boxes);
        Assert.Equal([track.Boxes[1]], boxes);
        RelevantBoxes.At([track], 15, FrameMatching.Nearest, 15, boxes);
        Assert.Equal([track.Boxes[0]], boxes); // equidistant: the earlier annotation
        RelevantBoxes.At([track], 60, FrameMatching.Nearest, 15, boxes);
        Assert.Empty(boxes); // 30 frames from both annotations: absent
        RelevantBoxes.At([track], 15, FrameMatching.Interpolate, 15, boxes);
        Assert.Equal(0.1, boxes[0].X1, 12);
        Assert.Equal(0.3, boxes[0].X2, 12);
        RelevantBoxes.At([track], 60, FrameMatching.Interpolate, 15, boxes);
        Assert.Empty(boxes); // annotations 60 frames apart: too far to interpolate, too far for nearest
    }

    [Fact]
    public void ObjectsAreSelectedByLabelTermsCaseInsensitively()
    {
        var video = new PerceptionVideo("v", new VideoMetadata(null, 30, 300, 720, 1280), [],
            [new ObjectTrack(1, "Red Cup", false, [], []), new ObjectTrack(2, "ball", false, [], []), new ObjectTrack(3, "cupboard", false, [], [])]);
        Assert.Equal([1, 3], RelevantBoxes.Select(video, ["cup"]).Select(o => o.Id));
        Assert.Equal([1, 2, 3], RelevantBoxes.Select(video, []).Select(o => o.Id));
        Assert.Equal(15, RelevantBoxes.DefaultTolerance(video));
    }
}
