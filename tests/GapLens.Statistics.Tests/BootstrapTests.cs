namespace GapLens.Statistics.Tests;

public sealed class BootstrapTests
{
    private static (double[] X, double[] Y) Data(int n, int seed)
    {
        var rng = new Random(seed);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 + 1).ToArray();
        var y = x.Select(v => v - 0.3 + (rng.NextDouble() - 0.5)).ToArray();
        return (x, y);
    }

    private static double MeanDiff(double[] a, double[] b) => a.Zip(b, (p, q) => p - q).Average();

    /// <summary>A mean difference that records which threads computed resamples (not the observed
    /// statistic on <paramref name="original"/>) and, on each thread's first resample, waits (up to
    /// 30 s) until <paramref name="meet"/> threads have arrived: with meet = 2 the run cannot finish
    /// quickly unless two threads really compute resamples at the same time.</summary>
    private static Func<double[], double[], double> Recording(double[] original, System.Collections.Concurrent.ConcurrentDictionary<int, int> threads, CountdownEvent meet) => (a, b) =>
    {
        if (ReferenceEquals(a, original)) return MeanDiff(a, b);
        if (threads.TryAdd(Environment.CurrentManagedThreadId, 0) && meet.CurrentCount > 0)
        {
            meet.Signal();
            meet.Wait(TimeSpan.FromSeconds(30));
        }
        return MeanDiff(a, b);
    };

    [Fact]
    public void SameSeedSameIntervalWhateverTheCoreCount()
    {
        var (x, y) = Data(500, 1);
        // One thread: every resample on the calling thread.
        var oneThread = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var sequential = Bootstrap.Paired(x, y, Recording(x, oneThread, new CountdownEvent(0)), 2000, seed: 42, maxDegreeOfParallelism: 1);
        Assert.Equal([Environment.CurrentManagedThreadId], oneThread.Keys);
        // Several threads, made to overlap.
        var manyThreads = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        using var meet = new CountdownEvent(2);
        var parallel = Bootstrap.Paired(x, y, Recording(x, manyThreads, meet), 2000, seed: 42, maxDegreeOfParallelism: 4);
        Assert.True(meet.IsSet && manyThreads.Count >= 2, $"{manyThreads.Count} thread(s) ran the resamples");
        Assert.Equal(sequential, parallel);
        Assert.Equal(sequential, Bootstrap.Paired(x, y, MeanDiff, 2000, seed: 42, maxDegreeOfParallelism: 3));
        Assert.Equal(sequential, Bootstrap.Paired(x, y, MeanDiff, 2000, seed: 42));
        var c = Bootstrap.Paired(x, y, MeanDiff, 2000, seed: 43);
        Assert.NotEqual(sequential.Interval, c.Interval);
        // The fast path makes the same draws as the generic one, on any number of threads.
        var fast = Bootstrap.MeanDifference(x, y, 2000, seed: 42, maxDegreeOfParallelism: 1);
        Assert.Equal(fast, Bootstrap.MeanDifference(x, y, 2000, seed: 42, maxDegreeOfParallelism: 4));
        Assert.Equal(sequential.Interval!.Lower, fast.Interval!.Lower, 12);
        Assert.Equal(sequential.Interval.Upper, fast.Interval.Upper, 12);
        Assert.Equal(MeanDiff(x, y), sequential.Observed, 12); // the observed statistic, not the replicate mean
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.MeanDifference(x, y, 10, maxDegreeOfParallelism: 0));
    }

    [Fact]
    public void PercentileIntervalMatchesTheNormalTheoryIntervalOnALargeSample()
    {
        var (x, y) = Data(4000, 2);
        var r = Bootstrap.MeanDifference(x, y, 4000, seed: 7);
        var d = x.Zip(y, (p, q) => p - q).ToArray();
        double se = Descriptive.Std(d, 1)!.Value / Math.Sqrt(d.Length);
        double m = d.Average();
        Assert.InRange(r.Interval!.Lower, m - 1.96 * se - 0.15 * se, m - 1.96 * se + 0.15 * se);
        Assert.InRange(r.Interval.Upper, m + 1.96 * se - 0.15 * se, m + 1.96 * se + 0.15 * se);
        Assert.InRange(r.StandardError, se * 0.95, se * 1.05);
    }

    [Fact]
    public void BcaShiftsTheIntervalForASkewedStatistic()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, 300).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray(); // exponential
        var y = new double[300];
        var p = Bootstrap.Paired(x, y, (a, _) => a.Average(), 3000, seed: 5);
        var bca = Bootstrap.Paired(x, y, (a, _) => a.Average(), 3000, seed: 5, method: BootstrapMethod.BCa);
        Assert.Equal("bootstrap-bca", bca.Interval!.Method);
        // Right-skewed data: BCa moves both ends up relative to the percentile interval.
        Assert.True(bca.Interval.Lower > p.Interval!.Lower);
        Assert.True(bca.Interval.Upper > p.Interval.Upper);
        var fast = Bootstrap.MeanDifference(x, y, 3000, seed: 5, method: BootstrapMethod.BCa);
        Assert.Equal(bca.Interval.Lower, fast.Interval!.Lower, 10);
    }

    [Fact]
    public void LearningCurveUsesNestedSubsamples()
    {
        var (x, y) = Data(200, 4);
        var curve = Bootstrap.LearningCurve(x, y, MeanDiff, [10, 50, 200, 500], seed: 1);
        Assert.Equal([10, 50, 200], curve.Select(p => p.N).ToArray());
        Assert.Equal(MeanDiff(x, y), curve[^1].Value, 12);
        Assert.Equal(curve.ToArray(), Bootstrap.LearningCurve(x, y, MeanDiff, [10, 50, 200], seed: 1).ToArray());
    }
}
