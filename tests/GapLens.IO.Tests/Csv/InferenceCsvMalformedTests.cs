using System.Text;
using GapLens.Core;
using GapLens.IO.Csv;
using GapLens.Testing;

namespace GapLens.IO.Tests.Csv;

/// <summary>Rows pandas would refuse or misread, and bytes that are not text: one line naming the line.</summary>
public sealed class InferenceCsvMalformedTests : TempDirTest
{
    private const string Header = "input_path,object_name,label,siamese_score\n";

    private string Error(byte[] content)
    {
        string path = Dir.Combine("inference.csv");
        File.WriteAllBytes(path, content);
        var ex = Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(path));
        Assert.DoesNotContain('\n', ex.Message);
        return ex.Message.Replace(path, "inference.csv", StringComparison.Ordinal);
    }

    private string Error(string content) => Error(Encoding.UTF8.GetBytes(content));

    [Fact]
    public void AShortRowIsReportedAsAShortRowNotAsABadScore() =>
        Assert.Equal("inference CSV inference.csv line 3: a short row: 3 field(s) where the header has 4, so it has no siamese_score",
            Error(Header + "a,b,PASS,0.1\na,c,NO_PASS\na,d,PASS,0.5\n"));

    [Fact]
    public void AShortRowMissingOnlyAnUnusedTrailingColumnReadsAsPandasReadsIt()
    {
        string path = Dir.File("inference.csv", "input_path,object_name,label,siamese_score,extra\na,b,PASS,0.1,x\na,c,NO_PASS,0.9\n");
        var table = InferenceCsv.ReadTable(path);
        Assert.Equal([0.1, 0.9], table.Scores);
    }

    [Theory]
    [InlineData("a,b,PASS,0.1,zz,yy\n", 6)]
    [InlineData("a,b,PASS,0.1,\n", 5)]
    public void ALongRowIsAnErrorAsInPandas(string row, int fields) =>
        Assert.Equal($"inference CSV inference.csv line 3: {fields} fields where the header has 4 (pandas refuses it too: \"Expected 4 fields in line 3, saw {fields}\"); quote fields that hold a comma",
            Error(Header + "a,a,PASS,0.2\n" + row + "a,c,NO_PASS,0.9\n"));

    [Fact]
    public void AQuotedCommaIsNotALongRow()
    {
        var table = InferenceCsv.ReadTable(Dir.File("inference.csv", Header + "\"a,b\",c,PASS,0.1\na,c,NO_PASS,0.9\n"));
        Assert.Equal(2, table.RowCount);
    }

    [Fact]
    public void InvalidUtf8IsNamedByLineAndByte()
    {
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(Header + "a,b,PASS,0.1\né,c,NO_PASS,0.9\nb"));
        bytes.Add(0xFF);
        bytes.AddRange(Encoding.UTF8.GetBytes(",d,PASS,0.3\n"));
        Assert.Equal("inference CSV inference.csv line 4: invalid UTF-8 (byte 0xFF); the file must be UTF-8 text (pandas refuses it too: UnicodeDecodeError)", Error([.. bytes]));
    }

    [Fact]
    public void InvalidUtf8DeepInALargeFileIsFoundOnTheRightLine()
    {
        var sb = new StringBuilder(Header);
        for (int i = 0; i < 100_000; i++) sb.Append("img/é/").Append(i).Append(",C,PASS,0.25\n");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(sb.ToString()));
        bytes.AddRange([(byte)'x', 0xE2, 0x82, (byte)',']); // a three-byte sequence cut short
        bytes.AddRange(Encoding.UTF8.GetBytes("C,PASS,0.5\n"));
        Assert.StartsWith("inference CSV inference.csv line 100002: invalid UTF-8", Error([.. bytes]), StringComparison.Ordinal);
    }

    [Fact]
    public void ARowOverTheRecordLimitIsAUserError()
    {
        // An unclosed quote: the rest of the file becomes one field. The limit is 64 MiB by default;
        // Sylvan's buffer is in characters, so 70 Mi characters are over it.
        using var fs = File.Create(Dir.Combine("inference.csv"));
        fs.Write(Encoding.UTF8.GetBytes(Header + "a,\""));
        var chunk = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
        for (int i = 0; i < 70; i++) fs.Write(chunk);
        fs.Close();
        var ex = Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(Dir.Combine("inference.csv")));
        Assert.Contains("line 2: one row is longer than 64 MiB, the limit for one record", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GAPLENS_MAX_RECORD_BYTES", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATrailingBlankLineIsSkippedAsPandasSkipsIt()
    {
        var table = InferenceCsv.ReadTable(Dir.File("inference.csv", Header + "a,b,PASS,0.1\na,c,NO_PASS,0.9\n\n"));
        Assert.Equal(2, table.RowCount);
    }
}
