using System.Diagnostics;
using System.Globalization;
using GapLens.Perception;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Scoring;

namespace GapLens.Bench;

/// <summary>Timed Perception Test building blocks for bench/perception_bench.py.</summary>
internal static class PerceptionBench
{
    public static int Run(string[] args)
    {
        if (args.Length >= 4 && args[0] == "perception-score") return Score(args[1], args[2], args[3], args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5);
        if (args.Length >= 1 && args[0] == "perception-attention")
        {
            int files = Array.IndexOf(args, "--files");
            int[] p = [.. args.Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture))];
            return PerceptionAttentionBench.Run(p.Length > 0 ? p[0] : 10_000, p.Length > 1 ? p[1] : 8, p.Length > 2 ? p[2] : 24, p.Length > 3 ? p[3] : 4, p.Length > 4 ? p[4] : 5,
                files >= 0 && files + 1 < args.Length ? args[files + 1] : null, !args.Contains("--no-mean"));
        }
        Console.Error.WriteLine("usage: GapLens.Bench perception-score <annotations> <answers_a> <answers_b> [runs] | perception-attention [questions] [frames] [side] [layers] [runs] [--files DIR] [--no-mean]");
        return 2;
    }

    /// <summary>
    /// End to end as the score job does it: read the annotations and the answers, score (official
    /// semantics, categories, tasks, positions), write the result as JSON (to memory). Then, as the
    /// comparison adds: read and score the second file, compare, write both. Best and median of the
    /// runs after a warm-up run; with 0 runs, one cold run (what a fresh process does). A second
    /// answers file "-" leaves the comparison out.
    /// </summary>
    private static int Score(string annotations, string answersA, string answersB, int runs)
    {
        var score = new List<double>();
        var compare = new List<double>();
        string phases = "";
        McScoreResult? last = null;
        bool warmUp = runs > 0;
        for (int run = 0; run < runs + 1; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var ann = AnnotationReader.Read(annotations);
            double tRead = clock.Elapsed.TotalSeconds;
            var a = AnswersReader.Read(answersA);
            double tAnswers = clock.Elapsed.TotalSeconds;
            var sa = McScorer.Score(ann, a);
            double tScore = clock.Elapsed.TotalSeconds;
            using var sink = new MemoryStream();
            PerceptionJson.Write(sink, sa);
            double tScored = clock.Elapsed.TotalSeconds;
            double cScored = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            if (answersB != "-")
            {
                var sb = McScorer.Score(ann, AnswersReader.Read(answersB));
                var cmp = McComparer.Compare(ann, sa, sb);
                PerceptionJson.Write(sink, sb);
                PerceptionJson.Write(sink, cmp);
            }
            double tCompared = clock.Elapsed.TotalSeconds;
            if (run == 0 && warmUp) continue;
            score.Add(tScored);
            compare.Add(tCompared - tScored);
            last = sa;
            phases = FormattableString.Invariant(
                $"read annotations {tRead:F3} s, answers {tAnswers - tRead:F3} s, score {tScore - tAnswers:F3} s, JSON {tScored - tScore:F3} s; CPU time of these {cScored:F3} s");
        }
        score.Sort();
        compare.Sort();
        string Figures(List<double> t) => warmUp ? FormattableString.Invariant($"best {t[0]:F3} s, median {t[t.Count / 2]:F3} s of {runs}") : FormattableString.Invariant($"cold {t[0]:F3} s");
        Console.WriteLine(FormattableString.Invariant(
            $"perception-score {Path.GetFileName(annotations)} ({new FileInfo(annotations).Length / 1e6:F1} MB): {last!.Questions} questions, {last.Tasks.Length} tasks, top-1 {last.Top1.Value:F4}: score {Figures(score)}; + second file, comparison and JSON {Figures(compare)}; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        Console.WriteLine("  last run: " + phases);
        return 0;
    }
}
