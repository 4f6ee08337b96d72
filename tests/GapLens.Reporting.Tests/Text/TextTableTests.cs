using GapLens.Reporting.Text;

namespace GapLens.Reporting.Tests.Text;

public sealed class TextTableTests
{
    [Fact]
    public void OneDigitCountsKeepTheHeaderWidth()
    {
        string expected =
            "+------------+-------+---------------------------------+\n" +
            "| Error Type | Count | Description                     |\n" +
            "+------------+-------+---------------------------------+\n" +
            "| FP         | 1     | model said yes, ground truth no |\n" +
            "| FN         | 1     | model said no, ground truth yes |\n" +
            "| Total      | 2     |                                 |\n" +
            "+------------+-------+---------------------------------+\n";
        Assert.Equal(expected, TextTable.Render(["Error Type", "Count", "Description"],
        [
            ["FP", "1", "model said yes, ground truth no"],
            ["FN", "1", "model said no, ground truth yes"],
            ["Total", "2", ""],
        ]));
    }

    [Fact]
    public void WideCellsWidenTheirColumn()
    {
        string table = TextTable.Render(["Count"], [["1234567"], ["12345678"]]);
        Assert.Equal("+----------+\n| Count    |\n+----------+\n| 1234567  |\n| 12345678 |\n+----------+\n", table);
    }
}
