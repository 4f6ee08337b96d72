using System.Reflection;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.IO.Logging;
using GapLens.Jobs.Demo;
using GapLens.Jobs.Judge;
using GapLens.Jobs.Perception;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Serve;
using GapLens.Jobs.Slices;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VideoQa;
using GapLens.Jobs.VlmBcq;
using GapLens.Testing;

namespace GapLens.Jobs.Tests;

/// <summary>Every numeric option of every verb declares its range, and every job checks it first.</summary>
public sealed class JobOptionsTests : TempDirTest
{
    /// <summary>One options record of each verb, with its defaults.</summary>
    private static readonly IJobOptions[] Defaults =
    [
        new AoiOptions("inf", "train.yaml", "", -1.0, 1.0, 50, "out"),
        new BcqOptions("p.json", "out", null),
        new JudgeOptions("outputs", "evaluations"),
        new AnalyzeStatsOptions("judge", "human", "out"),
        new AnalyzePlotOptions("eval", "out"),
        new DemoOptions("samples", "out", false),
        new PrepareVideosOptions("videos", "out"),
        new RunVideoQaOptions("data", "frames", "embeddings", "http://127.0.0.1:1/v1", "out"),
        new VideoQaMetricsOptions("results"),
        new PerceptionScoreOptions("annotations.json", "answers.json", "out"),
        new PerceptionAttentionOptions("annotations.json", "maps", "out"),
        new PerceptionConfidenceOptions("annotations.json", "answers.json", "confidence.jsonl", "out"),
        new ServeOptions("outputs", "evaluations"),
        new SlicesOptions("samples.jsonl", "out"),
    ];

    private static readonly Type[] NumericTypes = [typeof(double), typeof(float), typeof(int), typeof(long), typeof(short), typeof(decimal), typeof(uint), typeof(ulong)];

    [Fact]
    public void EveryOptionsRecordIsCovered()
    {
        var all = typeof(IJobOptions).Assembly.GetTypes().Where(t => typeof(IJobOptions).IsAssignableFrom(t) && !t.IsInterface).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(all, Defaults.Select(d => d.GetType().Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryNumericOptionDeclaresARangeThatHoldsItsDefault()
    {
        foreach (var options in Defaults)
        {
            var numeric = options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => NumericTypes.Contains(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
                .Where(p => p.Name != "Seed") // any unsigned 64-bit integer: its type is its range
                .Select(p => p.Name).ToList();
            var declared = options.Numbers().ToList();
            Assert.True(numeric.Count == declared.Count,
                $"{options.GetType().Name}: numeric options {string.Join(", ", numeric)} but ranges for {string.Join(", ", declared.Select(d => d.Name))}");
            BoundedValue.CheckAll(declared); // the defaults are allowed
        }
    }

    public static TheoryData<string, string> OutOfRange => new()
    {
        { "min_recall 1.5", "key 'min_recall' must be a number in [0, 1], got 1.5" },
        { "threshold nan", "key 'threshold' must be a finite number (negative: sweep for the best threshold), got NaN" },
        { "top_k 0", "key 'top_k_per_label' must be an integer in [1, 2147483647], or null (keep every misclassified sample), got 0" },
        { "resamples 0", "--resamples must be an integer in [1, 1000000], got 0" },
        { "pass-at 7", "--pass-at must be a number in [1, 5], got 7" },
        { "plot pass-at 0", "--pass-at must be a number in [1, 5], got 0" },
        { "margin 0", "--margin must be a number in (0, 4], got 0" },
        { "concurrency 0", "--concurrency must be an integer in [1, 256], got 0" },
        { "vote-seconds inf", "--vote-seconds must be a number in (0, 600], got Infinity" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task AJobRefusesAValueOutOfRangeBeforeItReadsOrWritesAnything(string what, string expected)
    {
        string outDir = Dir.Combine("out");
        var ctx = JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path);
        Func<Task<JobOutcome>> run = what switch
        {
            "min_recall 1.5" => () => new VcnAoiJob().RunAsync(new AoiOptions("missing", "missing.yaml", "", -1, 1.5, 50, outDir), ctx, CancellationToken.None),
            "threshold nan" => () => new VcnAoiJob().RunAsync(new AoiOptions("missing", "missing.yaml", "", double.NaN, 1, 50, outDir), ctx, CancellationToken.None),
            "top_k 0" => () => new VcnAoiJob().RunAsync(new AoiOptions("missing", "missing.yaml", "", -1, 1, 0, outDir), ctx, CancellationToken.None),
            "resamples 0" => () => new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions("j", "h", outDir, Resamples: 0), ctx, CancellationToken.None),
            "pass-at 7" => () => new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions("j", "h", outDir, PassAtOrAbove: 7), ctx, CancellationToken.None),
            "plot pass-at 0" => () => new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions("e", outDir, 0), ctx, CancellationToken.None),
            "margin 0" => () => new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions("j", "h", outDir, Margin: 0), ctx, CancellationToken.None),
            "concurrency 0" => () => new JudgeJob().RunAsync(new JudgeOptions("o", outDir, Concurrency: 0), ctx, CancellationToken.None),
            "vote-seconds inf" => () => new JudgeJob().RunAsync(new JudgeOptions("o", outDir, VoteSeconds: double.PositiveInfinity), ctx, CancellationToken.None),
            _ => throw new ArgumentException(what),
        };
        var ex = await Assert.ThrowsAsync<UserInputException>(run);
        Assert.Equal(expected, ex.Message);
        Assert.Empty(Dir.ListFiles());
        Assert.False(Directory.Exists(outDir));
    }
}
