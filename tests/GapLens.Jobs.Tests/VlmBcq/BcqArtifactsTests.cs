using GapLens.Jobs.VlmBcq;

namespace GapLens.Jobs.Tests.VlmBcq;

public sealed class BcqArtifactsTests
{
    [Fact]
    public void ReportMatchesTheSpecExample()
    {
        Assert.Equal("""
            KPI Gaps Report (binary ground truth: yes/no)
            +------------+-------+---------------------------------+
            | Error Type | Count | Description                     |
            +------------+-------+---------------------------------+
            | FP         | 1     | model said yes, ground truth no |
            | FN         | 1     | model said no, ground truth yes |
            | Total      | 2     |                                 |
            +------------+-------+---------------------------------+

            """.Replace("\r\n", "\n", StringComparison.Ordinal), BcqArtifacts.Report(1, 1));
    }

    [Fact]
    public void ReportWithSevenDigitCountsWidensTheCountColumn()
    {
        string report = BcqArtifacts.Report(1234567, 7654321);
        Assert.Contains("| FP         | 1234567 | model said yes, ground truth no |\n", report, StringComparison.Ordinal);
        Assert.Contains("| Total      | 8888888 |                                 |\n", report, StringComparison.Ordinal);
        Assert.Contains("+------------+---------+---------------------------------+\n", report, StringComparison.Ordinal);
    }
}
