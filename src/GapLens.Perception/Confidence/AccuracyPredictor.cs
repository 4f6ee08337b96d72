using System.Collections.Immutable;
using System.Text;
using GapLens.Core.Statistics;
using GapLens.Perception.Scoring;
using GapLens.Statistics;

namespace GapLens.Perception.Confidence;

/// <summary>
/// The meta-model: a task's confidence profile (mean, standard deviation and 10th/50th/90th
/// percentiles of its questions' confidence; with option probabilities also the mean margin and mean
/// normalised entropy) predicts the task's accuracy through a binomial logistic regression (each task
/// is two weighted rows: its correct and its wrong answers), cross-validated over tasks. Features are
/// standardised with the training tasks' mean and population standard deviation (scikit-learn's
/// StandardScaler; a constant feature keeps scale 1). Tasks are put in folds by sorting them on the
/// FNV-1a 64-bit hash of the seed (8 bytes, little-endian) followed by the question text (UTF-8) and
/// dealing them round-robin, so the folds are reproducible anywhere.
/// </summary>
internal static class AccuracyPredictor
{
    public static AccuracyPrediction Predict(QuestionTable table, ConfidenceSignal signal, IReadOnlyList<QuestionConfidence> questions, ConfidenceOptions options)
    {
        bool distribution = signal == ConfidenceSignal.OptionProbability && questions.All(q => q.Margin.HasValue);
        ImmutableArray<string> names = distribution ? ["mean", "std", "q10", "q50", "q90", "mean_margin", "mean_entropy"] : ["mean", "std", "q10", "q50", "q90"];
        var byTask = questions.GroupBy(q => q.Task).OrderBy(g => g.Key).ToList();
        int tasks = byTask.Count;
        var features = new double[tasks][];
        var correct = new int[tasks];
        var count = new int[tasks];
        var naive = new double[tasks];
        for (int t = 0; t < tasks; t++)
        {
            var qs = byTask[t].ToList();
            var conf = qs.Select(q => q.Confidence).Order().ToArray();
            double mean = conf.Average();
            double std = Math.Sqrt(conf.Sum(c => (c - mean) * (c - mean)) / conf.Length);
            var f = new List<double> { mean, std, Quantiles.Linear(conf, 0.1), Quantiles.Linear(conf, 0.5), Quantiles.Linear(conf, 0.9) };
            if (distribution)
            {
                f.Add(qs.Average(q => q.Margin!.Value));
                f.Add(qs.Average(q => q.Entropy!.Value));
            }
            features[t] = [.. f];
            correct[t] = qs.Count(q => q.Correct);
            count[t] = qs.Count;
            naive[t] = mean;
        }
        int k = Math.Min(options.Folds, tasks);
        var fold = Folds(byTask.Select(g => table.TaskTexts[g.Key]).ToList(), k, options.Seed);
        var predicted = new double?[tasks];
        var reasons = new string?[tasks];
        if (tasks < 2 || k < 2)
        {
            Array.Fill(reasons, "the meta-model needs at least 2 tasks (and 2 folds) to cross-validate");
        }
        else
        {
            for (int f = 0; f < k; f++)
            {
                var train = Enumerable.Range(0, tasks).Where(t => fold[t] != f).ToArray();
                var test = Enumerable.Range(0, tasks).Where(t => fold[t] == f).ToArray();
                var model = Fit(features, correct, count, train, options.C, out var scale, out string? why);
                foreach (int t in test)
                {
                    if (model is null)
                    {
                        reasons[t] = why;
                        continue;
                    }
                    predicted[t] = model.PredictProbability(scale.Apply(features[t]));
                }
            }
        }
        var all = Fit(features, correct, count, [.. Enumerable.Range(0, tasks)], options.C, out _, out _);
        var estimates = ImmutableArray.CreateBuilder<TaskAccuracyEstimate>(tasks);
        for (int t = 0; t < tasks; t++)
        {
            double truth = (double)correct[t] / count[t];
            int task = byTask[t].Key;
            estimates.Add(new TaskAccuracyEstimate(table.TaskIds[task], table.TaskTexts[task], count[t], truth, fold[t],
                predicted[t], predicted[t] is { } p ? Math.Abs(p - truth) : null, naive[t], Math.Abs(naive[t] - truth), reasons[t]));
        }
        var e = estimates.MoveToImmutable();
        var defined = e.Where(x => x.AbsoluteError.HasValue).ToList();
        long n = e.Sum(x => (long)x.Questions);
        bool complete = defined.Count == tasks && tasks > 0;
        return new AccuracyPrediction(signal, names, k, options.C, options.Seed, e,
            Summaries.Mean([.. defined.Select(x => x.AbsoluteError!.Value)], "no task has an out-of-fold prediction"),
            Summaries.Mean([.. e.Select(x => x.NaiveAbsoluteError)], "no tasks"),
            complete ? e.Sum(x => x.Questions * x.AbsoluteError!.Value) / n : null,
            n == 0 ? 0 : e.Sum(x => x.Questions * x.NaiveAbsoluteError) / n,
            n == 0 ? 0 : (double)correct.Sum() / n,
            complete ? e.Sum(x => x.Questions * x.Predicted!.Value) / n : null,
            n == 0 ? 0 : e.Sum(x => x.Questions * x.NaiveEstimate) / n,
            all is null ? [] : all.Coefficients, all?.Intercept,
            complete ? null : (tasks < 2 ? "the meta-model needs at least 2 tasks to cross-validate" : "some folds could not be fitted: see the tasks' reasons"));
    }

    /// <summary>The fold of each task (in the order given).</summary>
    internal static int[] Folds(IReadOnlyList<string> texts, int k, ulong seed)
    {
        var seedBytes = BitConverter.GetBytes(seed);
        if (!BitConverter.IsLittleEndian) Array.Reverse(seedBytes);
        var order = Enumerable.Range(0, texts.Count)
            .OrderBy(t => Fnv1a(seedBytes, Encoding.UTF8.GetBytes(texts[t])))
            .ThenBy(t => texts[t], StringComparer.Ordinal)
            .ToArray();
        var fold = new int[texts.Count];
        for (int i = 0; i < order.Length; i++) fold[order[i]] = k > 0 ? i % k : 0;
        return fold;
    }

    internal static ulong Fnv1a(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in first) h = (h ^ b) * 1099511628211UL;
        foreach (byte b in second) h = (h ^ b) * 1099511628211UL;
        return h;
    }

    private sealed record Scaler(double[] Mean, double[] Scale)
    {
        public double[] Apply(double[] x) => [.. x.Select((v, j) => (v - Mean[j]) / Scale[j])];
    }

    private static LogisticModel? Fit(double[][] features, int[] correct, int[] count, int[] train, double c, out Scaler scale, out string? why)
    {
        int d = features[0].Length;
        var mean = new double[d];
        var sd = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = train.Average(t => features[t][j]);
            double var = train.Average(t => (features[t][j] - mean[j]) * (features[t][j] - mean[j]));
            sd[j] = var > 0 ? Math.Sqrt(var) : 1;
        }
        scale = new Scaler(mean, sd);
        long right = train.Sum(t => (long)correct[t]), wrong = train.Sum(t => (long)(count[t] - correct[t]));
        if (right == 0 || wrong == 0)
        {
            why = right == 0 ? "every training question is wrong: nothing to learn accuracy from" : "every training question is right: nothing to learn accuracy from";
            return null;
        }
        var x = new List<double[]>(2 * train.Length);
        var y = new List<bool>(2 * train.Length);
        var w = new List<double>(2 * train.Length);
        foreach (int t in train)
        {
            var z = scale.Apply(features[t]);
            x.Add(z);
            y.Add(true);
            w.Add(correct[t]);
            x.Add(z);
            y.Add(false);
            w.Add(count[t] - correct[t]);
        }
        why = null;
        return LogisticRegression.Fit(x, [.. y], [.. w], c);
    }
}
