using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using GapLens.Core;
using GapLens.Core.Metrics;
using GapLens.Perception.Annotations;
using GapLens.Perception.Scoring;
using GapLens.Statistics;

namespace GapLens.Perception.Attention;

/// <summary>
/// Attention maps against the ground-truth object boxes of Perception Test (spec 04): for every
/// question with maps and every map frame with a relevant box, the five localisation metrics on each
/// slice (layer, head, means) beside a uniform map's; means per question, per task and overall; and
/// how well each metric predicts that the question was answered correctly.
/// </summary>
public static class AttentionAnalyzer
{
    /// <param name="annotations">Annotations read with object tracks (<see cref="AnnotationReadOptions.WithObjectTracks"/>).</param>
    /// <param name="maps">The maps, one entry per question.</param>
    /// <param name="scores">The scoring of the model's answers, for the link with correctness (null: no link).</param>
    /// <param name="options">Settings (null: the defaults).</param>
    /// <param name="cancellationToken">Stops between questions.</param>
    public static AttentionResult Analyze(PerceptionAnnotations annotations, IAttentionMapSource maps, McScoreResult? scores = null,
        AttentionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(maps);
        options ??= new AttentionOptions();
        var (sweep, defaultIndex) = Sweep(options);
        var table = new QuestionTable(annotations);
        var warnings = new List<string>();
        var usable = new List<(AttentionMapKey Key, int Flat)>();
        var unknown = new List<AttentionMapKey>();
        foreach (var key in maps.Keys)
        {
            int flat = table.Find(key.VideoId, key.QuestionId);
            if (flat < 0) unknown.Add(key);
            else usable.Add((key, flat));
        }
        if (unknown.Count > 0)
        {
            warnings.Add($"{unknown.Count} map(s) belong to no question of the annotations, e.g. {string.Join(", ", unknown.Take(5).Select(k => $"{k.VideoId}/{k.QuestionId}"))}; they were skipped.");
        }
        usable.Sort((a, b) => a.Flat.CompareTo(b.Flat));
        if (usable.Count == 0)
        {
            warnings.Add("no attention map matches a question of the annotations: nothing to score.");
            return new AttentionResult(options, [], [], [], [], [], [],
                new AttentionDiagnostics(maps.Keys.Count, 0, unknown.Count, table.Count, 0, 0, [.. warnings]));
        }
        if (usable.All(u => table.Videos[u.Flat].Objects.IsEmpty))
        {
            warnings.Add("the videos with maps have no object tracks: were the annotations read with object tracks (AnnotationReadOptions.WithObjectTracks)?");
        }
        var first = maps.Load(usable[0].Key);
        var layout = new SliceLayout(first, options.MeanSlices);
        var work = new QuestionWork[usable.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        try
        {
            Parallel.For(0, usable.Count, parallel,
                () => new QuestionWorker(layout, options, sweep, defaultIndex),
                (i, _, worker) =>
                {
                    var map = i == 0 ? first : maps.Load(usable[i].Key);
                    layout.Check(map, usable[0].Key);
                    work[i] = worker.Score(map, table.Videos[usable[i].Flat]);
                    return worker;
                },
                _ => { });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is UserInputException) is { } user)
        {
            ExceptionDispatchInfo.Capture(user).Throw();
            throw;
        }

        int slices = layout.Slices.Length;
        var questions = ImmutableArray.CreateBuilder<QuestionAttention>(usable.Count);
        for (int i = 0; i < usable.Count; i++)
        {
            var w = work[i];
            int flat = usable[i].Flat;
            bool? correct = scores is not null && scores.Outcomes[flat].Answered ? scores.Outcomes[flat].Correct : null;
            var perSlice = ImmutableArray.CreateRange(Enumerable.Range(0, slices).Select(s => Scores(m => w.Mean(s, m))));
            questions.Add(new QuestionAttention(usable[i].Key.VideoId, usable[i].Key.QuestionId, table.TaskIds[table.TaskOf[flat]], correct,
                w.Frames, w.FramesScored, perSlice, Scores(w.ChanceMean),
                w.FramesScored == 0 ? "no map frame has a relevant object box (none annotated near those frames, or none matching the labels)" : null));
        }
        var q = questions.MoveToImmutable();
        var all = Enumerable.Range(0, q.Length).ToArray();
        var quantiles = new Dictionary<int, double>();
        var overall = ImmutableArray.CreateRange(Enumerable.Range(0, slices).Select(s => Summarise(q, all, s, work, sweep, quantiles)));
        var correctness = Links(q, all, slices);
        var ranking = correctness.Where(l => l.Metric == options.RankBy)
            .OrderBy(l => l.Auroc.Value is null ? 1 : 0)
            .ThenByDescending(l => l.Auroc.Value ?? 0)
            .ThenByDescending(l => l.PointBiserial.R ?? 0)
            .ThenBy(l => l.Slice)
            .Select((l, i) => new SliceRanking(i + 1, layout.Slices[l.Slice], l))
            .ToImmutableArray();
        var tasks = ImmutableArray.CreateBuilder<TaskAttention>();
        foreach (var group in Enumerable.Range(0, q.Length).GroupBy(i => q[i].TaskId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int[] members = [.. group];
            int flat = usable[members[0]].Flat;
            tasks.Add(new TaskAttention(group.Key, table.TaskTexts[table.TaskOf[flat]], members.Length,
                ImmutableArray.CreateRange(Enumerable.Range(0, slices).Select(s => Summarise(q, members, s, null, sweep, quantiles))),
                Links(q, members, slices)));
        }
        long framesScored = work.Sum(w => (long)w.FramesScored);
        long framesWithout = work.Sum(w => (long)(w.Frames - w.FramesScored));
        var mapped = new HashSet<int>(usable.Select(u => u.Flat));
        return new AttentionResult(options with { IouSweep = [.. sweep] }, layout.Slices, overall, correctness, ranking, tasks.ToImmutable(), q,
            new AttentionDiagnostics(maps.Keys.Count, usable.Count, unknown.Count, table.Count - mapped.Count, framesScored, framesWithout, [.. warnings]));
    }

    private static (double[] Sweep, int DefaultIndex) Sweep(AttentionOptions o)
    {
        if (!(o.IouFraction > 0 && o.IouFraction <= 1)) throw new UserInputException($"the IoU threshold fraction must be in (0, 1], got {o.IouFraction}.");
        if (!(o.PointingTolerance >= 0 && o.PointingTolerance <= 64)) throw new UserInputException($"the pointing tolerance must be between 0 and 64 cells, got {o.PointingTolerance}.");
        if (o.FrameTolerance is < 0) throw new UserInputException($"the frame tolerance must be >= 0 frames, got {o.FrameTolerance}.");
        foreach (double f in o.IouSweep)
        {
            if (!(f > 0 && f <= 1)) throw new UserInputException($"IoU sweep fractions must be in (0, 1], got {f}.");
        }
        var sweep = o.IouSweep.Append(o.IouFraction).Distinct().Order().ToArray();
        return (sweep, Array.IndexOf(sweep, o.IouFraction));
    }

    private static QuestionSliceScores Scores(Func<int, double?> metric) => new(metric(0), metric(1), metric(2), metric(3), metric(4));

    private static SliceSummary Summarise(ImmutableArray<QuestionAttention> q, int[] members, int slice, QuestionWork[]? work, double[] sweep, Dictionary<int, double> quantiles)
    {
        var metrics = ImmutableArray.CreateBuilder<MetricSummary>(QuestionWork.Metrics);
        foreach (var metric in Enum.GetValues<LocalisationMetric>())
        {
            var values = new List<double>();
            var chance = new List<double>();
            var lift = new List<double>();
            foreach (int i in members)
            {
                if (q[i].Slices[slice].Get(metric) is not { } v || q[i].Chance.Get(metric) is not { } c) continue;
                values.Add(v);
                chance.Add(c);
                lift.Add(v - c);
            }
            const string none = "no question has this metric defined (no scored frame)";
            metrics.Add(new MetricSummary(metric, values.Count, Summaries.Mean(values, none, quantiles), Summaries.Mean(chance, none, quantiles), Summaries.Mean(lift, none, quantiles)));
        }
        var points = ImmutableArray<IouSweepPoint>.Empty;
        double? best = null;
        if (work is not null)
        {
            var builder = ImmutableArray.CreateBuilder<IouSweepPoint>(sweep.Length);
            double bestMean = double.NegativeInfinity;
            for (int j = 0; j < sweep.Length; j++)
            {
                var means = members.Where(i => work[i].FramesScored > 0).Select(i => work[i].SweepSums[slice * sweep.Length + j] / work[i].FramesScored).ToList();
                var mean = Summaries.Mean(means, "no scored frame", quantiles);
                builder.Add(new IouSweepPoint(sweep[j], mean));
                if (mean.Value is { } v && v > bestMean)
                {
                    bestMean = v;
                    best = sweep[j];
                }
            }
            points = builder.MoveToImmutable();
        }
        return new SliceSummary(slice, metrics.MoveToImmutable(), points, best);
    }

    private static ImmutableArray<CorrectnessLink> Links(ImmutableArray<QuestionAttention> q, int[] members, int slices)
    {
        var links = ImmutableArray.CreateBuilder<CorrectnessLink>(slices * QuestionWork.Metrics);
        for (int s = 0; s < slices; s++)
        {
            foreach (var metric in Enum.GetValues<LocalisationMetric>())
            {
                var x = new List<double>();
                var y = new List<bool>();
                foreach (int i in members)
                {
                    if (q[i].Correct is not { } ok || q[i].Slices[s].Get(metric) is not { } v) continue;
                    // Rounded to 12 decimals: metrics that are equal in exact arithmetic (a uniform map's 0.5,
                    // two questions with the same boxes) stay tied despite last-bit rounding differences.
                    x.Add(Math.Round(v, 12));
                    y.Add(ok);
                }
                links.Add(new CorrectnessLink(s, metric, x.Count, y.Count(b => b),
                    Auroc.Compute([.. x], [.. y]), Correlation.PointBiserial([.. x], [.. y])));
            }
        }
        return links.MoveToImmutable();
    }
}
