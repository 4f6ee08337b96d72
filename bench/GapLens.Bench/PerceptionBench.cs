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
            int[] p = [.. args.Skip(1).Take((files < 0 ? args.Length : files) - 1).Select(a => int.Parse(a, CultureInfo.InvariantCulture))];
            return PerceptionAttentionBench.Run(p.Length > 0 ? p[0] : 10_000, p.Length > 1 ? p[1] : 8, p.Length > 2 ? p[2] : 24, p.Length > 3 ? p[3] : 4, p.Length > 4 ? p[4] : 5,
                files >= 0 && files + 1 < args.Length ? args[files + 1] : null);
        }
        Console.Error.WriteLine("usage: GapLens.Bench perception-score <annotations> <answers_a> <answers_b> [runs] | perception-attention [questions] [frames] [side] [layers] [runs] [--files DIR]");
        return 2;
    }

    /// <summary>End to end as a job would do it: read both files, score (official), score the second
    /// file, compare, and write all results as JSON (to memory). Best and median of the runs after a
    /// warm-up run; with 0 runs, one cold run (what a fresh process does).</summary>
    private static int Score(string annotations, string answersA, string answersB, int runs)
    {
        var times = new List<double>();
        string phases = "";
        McScoreResult? last = null;
        bool warmUp = runs > 0;
        for (int run = 0; run < runs + 1; run++)
        {
            var clock = Stopwatch.StartNew();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var ann = AnnotationReader.Read(annotations);
            double tRead = clock.Elapsed.TotalSeconds;
            double cRead = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            var a = AnswersReader.Read(answersA);
            var b = AnswersReader.Read(answersB);
            double tAnswers = clock.Elapsed.TotalSeconds;
            var sa = McScorer.Score(ann, a);
            var sb = McScorer.Score(ann, b);
            double tScore = clock.Elapsed.TotalSeconds;
            var cmp = McComparer.Compare(ann, sa, sb);
            double tCompare = clock.Elapsed.TotalSeconds;
            using var sink = new MemoryStream();
            PerceptionJson.Write(sink, sa);
            PerceptionJson.Write(sink, sb);
            PerceptionJson.Write(sink, cmp);
            double total = clock.Elapsed.TotalSeconds;
            double cTotal = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            if (run == 0 && warmUp) continue;
            times.Add(total);
            last = sa;
            phases = FormattableString.Invariant(
                $"read annotations {tRead:F3} s, answers {tAnswers - tRead:F3} s, score x2 {tScore - tAnswers:F3} s, compare {tCompare - tScore:F3} s, JSON {total - tCompare:F3} s ({sink.Length / 1e6:F1} MB); CPU time: reading annotations {cRead:F3} s, all {cTotal:F3} s");
        }
        times.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"perception-score {Path.GetFileName(annotations)} ({new FileInfo(annotations).Length / 1e6:F1} MB): {last!.Questions} questions, {last.Tasks.Length} tasks; {(warmUp ? $"best {times[0]:F3} s, median {times[times.Count / 2]:F3} s of {runs} (after a warm-up)" : $"cold {times[0]:F3} s")}; top-1 {last.Top1.Value:F4}; peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        Console.WriteLine("  last run: " + phases);
        return 0;
    }
}
