using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Jobs;

namespace GapLens.Cli.Tests;

/// <summary>Exit-code mapping for outcomes that a real run cannot be made to produce on demand.</summary>
public sealed class CliHostTests
{
    private static (int Code, string Out, string Err) Run(Func<JobContext, JobOutcome> job, CancellationToken ct = default)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = new CliHost(o, e, stderrIsTerminal: false).Run("t", "t", job, ct);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void ABugPrintsTheWholeExceptionWithExitThree()
    {
        var (code, o, e) = Run(_ => throw new InvalidOperationException("boom"));
        Assert.Equal(3, code);
        Assert.Contains("System.InvalidOperationException: boom", e, StringComparison.Ordinal);
        Assert.Contains("   at ", e, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL\n", o.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void CancellationExitsWith130()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var (code, _, e) = Run(ctx =>
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            return JobOutcome.Ok([]);
        }, cts.Token);
        Assert.Equal(130, code);
        Assert.Contains("Cancelled", e, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedQualityGateExitsWithOneAndAUserErrorWithTwo()
    {
        Assert.Equal(1, Run(_ => JobOutcome.GateFailed("KPI unreachable", [])).Code);
        var (code, _, e) = Run(_ => throw new UserInputException("bad input at x:3"));
        Assert.Equal(2, code);
        Assert.Equal("bad input at x:3\n", e.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
