using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Jobs;

namespace GapLens.Cli.Tests;

/// <summary>Exit-code mapping for outcomes that a real run cannot be made to produce on demand.</summary>
public sealed class CliHostTests
{
    private sealed record NoOptions : IJobOptions
    {
        public IEnumerable<KeyValuePair<string, string?>> Describe() => [];

        public IEnumerable<GapLens.Core.Config.BoundedValue> Numbers() => [];
    }

    private sealed class LambdaJob(Func<CancellationToken, Task<JobOutcome>> run) : IJob<NoOptions>
    {
        public string Name => "t";

        public Task<JobOutcome> RunAsync(NoOptions options, JobContext ctx, CancellationToken ct) => run(ct);
    }

    private static async Task<(int Code, string Out, string Err)> Run(Func<CancellationToken, Task<JobOutcome>> job, CancellationToken ct = default, int cancelledExit = 130)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await new CliHost(o, e, stderrIsTerminal: false) { CancelledExitCode = () => cancelledExit }
            .RunAsync(new LambdaJob(job), "t", () => new NoOptions(), ct);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task ABugPrintsTheWholeExceptionWithExitThree()
    {
        var (code, o, e) = await Run(_ => throw new InvalidOperationException("boom"));
        Assert.Equal(3, code);
        Assert.Contains("System.InvalidOperationException: boom", e, StringComparison.Ordinal);
        Assert.Contains("   at ", e, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL\n", o.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(130)]
    [InlineData(143)]
    public async Task CancellationExitsWithTheSignalsCode(int signalExit)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var (code, _, e) = await Run(ct =>
        {
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(JobOutcome.Ok([]));
        }, cts.Token, signalExit);
        Assert.Equal(signalExit, code);
        Assert.Contains("Cancelled", e, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailedQualityGateExitsWithOneAndAUserErrorWithTwo()
    {
        Assert.Equal(1, (await Run(_ => Task.FromResult(JobOutcome.GateFailed("KPI unreachable", [])))).Code);
        var (code, _, e) = await Run(_ => throw new UserInputException("bad input at x:3"));
        Assert.Equal(2, code);
        Assert.Equal("bad input at x:3\n", e.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASignalAfterTheJobsLastCheckStillEndsWithTheSignalsCodeAndSaysTheOutputsAreComplete()
    {
        using var cts = new CancellationTokenSource();
        var (code, o, e) = await Run(ct =>
        {
            ct.ThrowIfCancellationRequested();
            cts.Cancel(); // after the job's last check, as a signal arriving once the outputs are committed
            return Task.FromResult(JobOutcome.Ok([]) with { Summary = ["summary"] });
        }, cts.Token, 143);
        Assert.Equal(143, code);
        Assert.Equal("Cancelled after the run had finished; its outputs are complete.\n", e.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("summary\nExecution status: FAIL\n", o.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
