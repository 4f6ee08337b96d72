using System.Runtime.CompilerServices;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>Scores one question's maps frame by frame (one worker per thread: it owns its buffers).</summary>
internal sealed class QuestionWorker
{
    private readonly SliceLayout _layout;
    private readonly AttentionOptions _options;
    private readonly double[] _sweep;
    private readonly FrameScorer _scorer;
    private readonly List<NormalizedBox> _boxes = [];
    private readonly List<string> _labels = [];
    private readonly (int Dy, int Dx)[] _disk;
    private double[] _coverage = [];
    private bool[] _target = [];
    private float[] _scratch = [];
    private readonly double[] _iou;

    public QuestionWorker(SliceLayout layout, AttentionOptions options, double[] sweep, int defaultIndex)
    {
        _layout = layout;
        _options = options;
        _sweep = sweep;
        _scorer = new FrameScorer(sweep, defaultIndex);
        _iou = new double[sweep.Length];
        int r = (int)Math.Floor(options.PointingTolerance);
        var disk = new List<(int, int)>();
        for (int dy = -r; dy <= r; dy++)
        {
            for (int dx = -r; dx <= r; dx++)
            {
                if (dy * dy + dx * dx <= options.PointingTolerance * options.PointingTolerance) disk.Add((dy, dx));
            }
        }
        _disk = [.. disk];
    }

    public QuestionWork Score(AttentionMap map, PerceptionVideo video)
    {
        int slices = _layout.Slices.Length, m = QuestionWork.Metrics;
        var sums = new double[slices * m];
        var counts = new int[slices * m];
        var sweepSums = new double[slices * _sweep.Length];
        var chanceSums = new double[m];
        var chanceCounts = new int[m];
        var objects = RelevantBoxes.Select(video, _options.ObjectLabels);
        int tolerance = _options.FrameTolerance ?? RelevantBoxes.DefaultTolerance(video);
        int scored = 0;
        for (int f = 0; f < map.Frames; f++)
        {
            if (!Prepare(map, objects, tolerance, f, out double area, out int targets)) continue;
            scored++;
            Add(chanceSums, chanceCounts, 0, FrameScorer.Chance(map.Cells, area, targets));
            for (int s = 0; s < slices; s++)
            {
                var scores = _scorer.Score(_layout.Get(map, f, s, _scratch), _coverage.AsSpan(0, map.Cells), area, _target.AsSpan(0, map.Cells), _iou);
                Add(sums, counts, s * m, scores);
                for (int j = 0; j < _sweep.Length; j++) sweepSums[s * _sweep.Length + j] += _iou[j];
            }
        }
        return new QuestionWork(map.Frames, scored, sums, counts, sweepSums, chanceSums, chanceCounts);
    }

    /// <summary>One slice's scores at every map frame (null where the frame has no relevant box),
    /// with the boxes of that frame: for choosing and drawing overlays.</summary>
    public List<(FrameScores? Scores, NormalizedBox[] Boxes, string[] Labels)> Frames(AttentionMap map, PerceptionVideo video, int slice)
    {
        var objects = RelevantBoxes.Select(video, _options.ObjectLabels);
        int tolerance = _options.FrameTolerance ?? RelevantBoxes.DefaultTolerance(video);
        var frames = new List<(FrameScores?, NormalizedBox[], string[])>(map.Frames);
        for (int f = 0; f < map.Frames; f++)
        {
            if (!Prepare(map, objects, tolerance, f, out double area, out _))
            {
                frames.Add((null, [.. _boxes], [.. _labels]));
                continue;
            }
            var scores = _scorer.Score(_layout.Get(map, f, slice, _scratch), _coverage.AsSpan(0, map.Cells), area, _target.AsSpan(0, map.Cells), _iou);
            frames.Add((scores, [.. _boxes], [.. _labels]));
        }
        return frames;
    }

    /// <summary>Finds the frame's relevant boxes and rasterises them into the coverage and point-target
    /// buffers; false when no box falls on the mapped region.</summary>
    private bool Prepare(AttentionMap map, ObjectTrack[] objects, int tolerance, int frame, out double area, out int targets)
    {
        int cells = map.Cells;
        if (_coverage.Length < cells)
        {
            _coverage = new double[cells];
            _target = new bool[cells];
            _scratch = new float[cells];
        }
        area = 0;
        targets = 0;
        RelevantBoxes.At(objects, map.FrameIds[frame], _options.FrameMatching, tolerance, _boxes, _labels);
        if (_boxes.Count == 0) return false;
        var coverage = _coverage.AsSpan(0, cells);
        area = BoxRaster.Rasterise(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_boxes), map.Height, map.Width, coverage, map.Crop);
        if (area <= 1e-9) return false; // the boxes fall outside the part of the frame the map covers
        targets = Targets(coverage, _target.AsSpan(0, cells), map.Height, map.Width);
        return true;
    }

    private static void Add(double[] sums, int[] counts, int at, FrameScores s)
    {
        Span<double?> v = [s.Pointing, s.MassRatio, s.RankAccuracy, s.Iou, s.RocAuc];
        for (int k = 0; k < v.Length; k++)
        {
            if (v[k] is not { } x) continue;
            sums[at + k] += x;
            counts[at + k]++;
        }
    }

    /// <summary>Marks the cells where a maximum counts as a hit: touched by a box, or within the
    /// pointing tolerance (cell-centre distance) of one. Returns how many.</summary>
    private int Targets(ReadOnlySpan<double> coverage, Span<bool> target, int h, int w)
    {
        target.Clear();
        for (int i = 0; i < coverage.Length; i++)
        {
            if (coverage[i] <= 1e-9) continue;
            if (_disk.Length == 1)
            {
                target[i] = true;
                continue;
            }
            int y = i / w, x = i % w;
            foreach (var (dy, dx) in _disk)
            {
                int yy = y + dy, xx = x + dx;
                if (yy >= 0 && yy < h && xx >= 0 && xx < w) target[yy * w + xx] = true;
            }
        }
        int n = 0;
        foreach (bool t in target) n += t ? 1 : 0;
        return n;
    }
}
