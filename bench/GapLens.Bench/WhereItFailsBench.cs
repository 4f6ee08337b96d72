using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GapLens.Core.Results;
using GapLens.IO.Results;
using GapLens.Jobs.Slices;

namespace GapLens.Bench;

/// <summary>
/// <c>where-it-fails [samples] [runs]</c>: what the "Where it fails" section adds to a scoring job:
/// the in-process slice search on a job's samples (<see cref="EmbeddedSlices.Of"/>: the samples into
/// the feature table, the search) and building the section, on generated samples with the metadata a
/// video-QA run has (question type, length bucket, genre, retrieval, round limit, model) plus a free-text
/// question. Prints the best and the median of the runs after one warm-up.
/// </summary>
internal static class WhereItFailsBench
{
    public static int Run(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int n = args.Length > 1 ? int.Parse(args[1], ic) : 5000;
        int runs = args.Length > 2 ? int.Parse(args[2], ic) : 20;
        var samples = Samples(n).ToList();
        int bytes = SampleResultsFile.ToBytes(samples).Length;
        void Phases(string when)
        {
            var phase = Stopwatch.StartNew();
            var options = EmbeddedSlices.DefaultOptions("samples.jsonl");
            var builder = new GapLens.Slices.FeatureTableBuilder("samples.jsonl", new SlicesInput("samples.jsonl", SlicesInput.SamplesKind).TableOptions(options));
            SampleRows.Feed(samples, builder, CancellationToken.None);
            double read = phase.Elapsed.TotalMilliseconds;
            phase.Restart();
            var table = builder.Finish();
            double finish = phase.Elapsed.TotalMilliseconds;
            phase.Restart();
            GapLens.Slices.SliceFinder.Find(table, options.Search(), CancellationToken.None);
            double find = phase.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(ic, $"{when}: read {read:F1} ms, table {finish:F1} ms, search {find:F1} ms"));
        }

        // Where the time goes: the first call in the process (what one CLI run pays, JIT included), then warm.
        Phases("cold (first call in the process)");
        var search = new List<double>();
        var section = new List<double>();
        EmbeddedSlices? last = null;
        for (int r = 0; r <= runs; r++)
        {
            var clock = Stopwatch.StartNew();
            last = EmbeddedSlices.Of(samples, "samples.jsonl", CancellationToken.None);
            double a = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            _ = SliceBlocks.Section(last, "samples.jsonl", id => null);
            double b = clock.Elapsed.TotalMilliseconds;
            if (r == 0) continue; // warm-up
            search.Add(a);
            section.Add(b);
        }
        Phases("warm");
        search.Sort();
        section.Sort();
        Console.WriteLine(string.Create(ic, $"{n:#,0} samples ({bytes / 1024.0:#,0} KiB as samples.jsonl): {last!.LogLine()}"));
        Console.WriteLine(string.Create(ic, $"search (read + table + slices): best {search[0]:F1} ms, median {search[search.Count / 2]:F1} ms; section: best {section[0]:F2} ms, median {section[section.Count / 2]:F2} ms ({runs} runs after a warm-up)"));
        return 0;
    }

    private static IEnumerable<SampleResult> Samples(int n)
    {
        string[] types = ["counting", "ocr", "temporal", "reasoning", "entity", "event"];
        string[] buckets = ["< 10 min", "10-30 min", "30-60 min", "> 60 min"];
        string[] genres = ["sports", "news", "docs", "cartoon", "vlog", "lecture"];
        var rng = new Random(7);
        for (int i = 0; i < n; i++)
        {
            string type = types[rng.Next(types.Length)], genre = genres[rng.Next(genres.Length)];
            bool planted = type == "counting" && genre == "news";
            bool fail = rng.NextDouble() < (planted ? 0.7 : 0.35);
            var meta = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, string>[]
            {
                new("question_type", type), new("duration_bucket", buckets[rng.Next(buckets.Length)]), new("genre", genre),
                new("retrieval", rng.Next(3) switch { 0 => "hit", 1 => "miss", _ => "n/a" }), new("round_limit", rng.Next(10) == 0 ? "reached" : "not reached"),
                new("model", "m" + rng.Next(3).ToString(CultureInfo.InvariantCulture)), new("question", $"What happens at {i} s in the video?"),
            });
            yield return new SampleResult($"q{i}", fail ? SampleOutcome.Wrong : SampleOutcome.Correct, "x", fail ? "A" : "B", "json-block", "B", fail ? 0 : 1) { Metadata = meta };
        }
    }
}
