using System.Globalization;
using System.Text;
using GapLens.Core;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Text;
using GapLens.IO.Csv;
using GapLens.Testing;

namespace GapLens.IO.Tests.Csv;

/// <summary>
/// The fast path of inference.csv (raw bytes, parts read at once) gives exactly what the full reader
/// gives on the files it takes, and gives up on every file it cannot read exactly the same way.
/// </summary>
public sealed class InferenceCsvFastPathTests : TempDirTest
{
    private static void AssertSameTable(AoiTable expected, AoiTable actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int i = 0; i < expected.RowCount; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected.Scores[i]) != BitConverter.DoubleToInt64Bits(actual.Scores[i]))
            {
                Assert.Fail($"row {i}: score {expected.Scores[i]:R} expected, got {actual.Scores[i]:R}");
            }
        }
        Assert.Equal(expected.LabelIds, actual.LabelIds);
        Assert.Equal(expected.Labels.ToArray(), actual.Labels.ToArray());
        Assert.Equal(expected.Groups.ToArray(), actual.Groups.ToArray());
        Assert.Equal(expected.GroupOfLabel.ToArray(), actual.GroupOfLabel.ToArray());
    }

    /// <summary>Whatever the full reader says (a table or a one-line error), the public reader says it too.</summary>
    private static void AssertPublicReaderSaysWhatTheFullReaderSays(string path)
    {
        AoiTable? full = null;
        string? error = null;
        try
        {
            full = InferenceCsv.ReadTableFully(path, PandasFloatPrecision.High);
        }
        catch (UserInputException ex)
        {
            error = ex.Message;
        }
        if (error is not null) Assert.Equal(error, Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(path)).Message);
        else AssertSameTable(full!, InferenceCsv.ReadTable(path));
    }

    /// <summary>A random plain file: the shapes real files take (line ends, BOM, column order, extra
    /// columns, blank lines, labels with spaces and non-ASCII, numbers in every plain form).</summary>
    private static byte[] PlainFile(Random rng, int rows, out int dataRows)
    {
        string nl = rng.Next(2) == 0 ? "\n" : "\r\n";
        var columns = new List<string> { "input_path", "object_name", "label", "siamese_score" };
        if (rng.Next(2) == 0) columns.Add("extra");
        columns = [.. columns.OrderBy(_ => rng.Next())];
        var ms = new MemoryStream();
        void W(string s) => ms.Write(Encoding.UTF8.GetBytes(s));
        if (rng.Next(4) == 0) ms.Write([0xEF, 0xBB, 0xBF]);
        W(string.Join(",", columns.Select(c => rng.Next(5) == 0 ? $" {c} " : c)) + nl);
        string[] labels = ["PASS", "PASS", "PASS", "NO_PASS", " bridge ", "Missing", "pa\u00df", "\ufb01x", "SHIFT", ""];
        dataRows = 0;
        for (int i = 0; i < rows; i++)
        {
            if (rng.Next(50) == 0) W(rng.Next(2) == 0 ? nl : " \t " + nl); // a blank line: not a row
            var fields = columns.Select(c => c switch
            {
                "input_path" => rng.Next(3) == 0 ? $"/abs/b{i % 7}" : $"boards/b{i % 11}",
                "object_name" => $"C{i:00000}",
                "label" => labels[rng.Next(labels.Length)],
                "siamese_score" => i == 0 ? PyFloat.Repr(rng.NextDouble()) : Score(rng), // one float at least: not an int64 column
                _ => "x y",
            }).ToList();
            byte[] line = Encoding.UTF8.GetBytes(string.Join(",", fields) + (i == rows - 1 && rng.Next(3) == 0 ? "" : nl));
            ms.Write(line);
            dataRows++;
        }
        return ms.ToArray();
    }

    private static string Score(Random rng)
    {
        double v = rng.NextDouble();
        return rng.Next(10) switch
        {
            0 => v.ToString("F4", CultureInfo.InvariantCulture),
            1 => (v * 1e-7).ToString("R", CultureInfo.InvariantCulture), // exponent form
            2 => rng.Next(100).ToString(CultureInfo.InvariantCulture),    // an integer among floats
            3 => "-" + v.ToString("R", CultureInfo.InvariantCulture),
            4 => "." + rng.Next(1000).ToString(CultureInfo.InvariantCulture),
            5 => rng.Next(10).ToString(CultureInfo.InvariantCulture) + ".",
            6 => PyFloat.Repr((float)v),
            _ => PyFloat.Repr(v),
        };
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 2)]
    public void PlainFilesReadTheSameAsTheFullReaderWithAnyNumberOfParts(int seed, int parts)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 12; trial++)
        {
            string path = Dir.File($"t{trial}.csv", "");
            File.WriteAllBytes(path, PlainFile(rng, rng.Next(1, 3000), out _));
            foreach (var precision in new[] { PandasFloatPrecision.High, PandasFloatPrecision.RoundTrip })
            {
                var fast = InferenceCsvFastPath.TryReadTable(path, precision, null, parts, CancellationToken.None);
                Assert.NotNull(fast);
                AssertSameTable(InferenceCsv.ReadTableFully(path, precision), fast);
            }
        }
    }

    [Fact]
    public void PathsOfTheKeptRowsAreTheFullReadersAndBlankLinesAreNotRows()
    {
        var rng = new Random(8);
        for (int trial = 0; trial < 10; trial++)
        {
            string path = Dir.File($"p{trial}.csv", "");
            File.WriteAllBytes(path, PlainFile(rng, rng.Next(1, 2000), out int rows));
            var wanted = Enumerable.Range(0, 12).Select(_ => rng.Next(rows)).Append(rows - 1).Append(0).ToList();
            var fast = InferenceCsvFastPath.TryReadPaths(path, wanted, CancellationToken.None);
            Assert.NotNull(fast);
            Assert.Equal(InferenceCsv.ReadPathsFully(path, wanted).OrderBy(p => p.Key), fast.OrderBy(p => p.Key));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(6, 3)]
    [InlineData(9, 16)]
    public void PathsReadFromTheRecordedLinesAreTheFullReaders(int seed, int parts)
    {
        var rng = new Random(seed);
        for (int trial = 0; trial < 12; trial++)
        {
            string path = Dir.File($"l{trial}.csv", "");
            File.WriteAllBytes(path, PlainFile(rng, rng.Next(1, 2500), out int rows));
            var read = InferenceCsvFastPath.TryRead(path, PandasFloatPrecision.High, null, parts, CancellationToken.None);
            Assert.NotNull(read?.Lines);
            Assert.Equal(rows, read.Lines.RowCount);
            // Sparse rows, a dense run (several lines per read window), the first and the last.
            var wanted = Enumerable.Range(0, 20).Select(_ => rng.Next(rows)).Concat(Enumerable.Range(rows / 2, Math.Min(300, rows - rows / 2))).Append(rows - 1).Append(0).ToList();
            using var stream = File.OpenRead(path);
            var direct = read.Lines.TryReadPaths(stream.SafeFileHandle, wanted, CancellationToken.None);
            Assert.NotNull(direct);
            Assert.Equal(InferenceCsv.ReadPathsFully(path, wanted).OrderBy(p => p.Key), direct.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void ALineLongerThanTheReadWindowIsReadWhole()
    {
        string longPath = "boards/" + new string('p', 200_000);
        string path = Dir.File("long.csv", $"input_path,object_name,label,siamese_score\na,U1,PASS,0.5\n{longPath},U2,NO_PASS,0.25\nb,U3,PASS,0.125");
        var read = InferenceCsv.Read(path, PandasFloatPrecision.High);
        Assert.NotNull(read.Lines);
        var paths = InferenceCsv.ReadPaths(path, [2, 1, 0], read.Lines);
        Assert.Equal((longPath, "U2"), paths[1]);
        Assert.Equal(("b", "U3"), paths[2]);
        Assert.Equal(("a", "U1"), paths[0]);
    }

    [Fact]
    public void AFileChangedAfterTheFirstPassIsReadAgainInFull()
    {
        string path = Dir.File("changed.csv", "input_path,object_name,label,siamese_score\na,U1,PASS,0.5\nb,U2,NO_PASS,0.25\n");
        var read = InferenceCsv.Read(path, PandasFloatPrecision.High);
        File.WriteAllText(path, "input_path,object_name,label,siamese_score\nlonger_a,U1,PASS,0.5\nc,U2,NO_PASS,0.25\n");
        using (var stream = File.OpenRead(path)) Assert.Null(read.Lines!.TryReadPaths(stream.SafeFileHandle, [1], CancellationToken.None)); // mid-line: 3 fields
        Assert.Equal(("c", "U2"), InferenceCsv.ReadPaths(path, [1], read.Lines)[1]);
    }

    [Fact]
    public void TheFullReaderRecordsNoLines() =>
        Assert.Null(InferenceCsv.Read(Dir.File("quoted.csv", "input_path,object_name,label,siamese_score\n\"a,b\",U1,PASS,0.5\n"), PandasFloatPrecision.High).Lines);

    [Fact]
    public void ALargeFileIsSplitAtLineStartsWhereverThePartsFall()
    {
        var sb = new StringBuilder("input_path,object_name,label,siamese_score\n");
        var rng = new Random(5);
        for (int i = 0; i < 300_000; i++) sb.Append(CultureInfo.InvariantCulture, $"boards/b{i % 300},U{i:00000000},{(rng.Next(5) == 0 ? "NO_PASS" : "PASS")},{PyFloat.Repr((float)rng.NextDouble())}\n");
        string path = Dir.File("big.csv", sb.ToString());
        var full = InferenceCsv.ReadTableFully(path, PandasFloatPrecision.High);
        foreach (int parts in new[] { 2, 5, 16 }) AssertSameTable(full, InferenceCsvFastPath.TryReadTable(path, PandasFloatPrecision.High, null, parts, CancellationToken.None)!);
        AssertSameTable(full, InferenceCsv.ReadTable(path));
        var wanted = new[] { 0, 1, 150_000, 299_999 };
        Assert.Equal(InferenceCsv.ReadPathsFully(path, wanted).OrderBy(p => p.Key), InferenceCsvFastPath.TryReadPaths(path, wanted, CancellationToken.None)!.OrderBy(p => p.Key));
    }

    [Fact]
    public void AnErrorInOnePartComesOutAsItselfNotWrappedInAnAggregateException()
    {
        // A user error or an I/O error met by one part must reach the CLI as the same exception a
        // sequential read throws (exit 2 with its line), not as an AggregateException (exit 3).
        var sb = new StringBuilder("input_path,object_name,label,siamese_score\n");
        for (int i = 0; i < 200_000; i++) sb.Append(CultureInfo.InvariantCulture, $"boards/b{i % 300},U{i:00000000},PASS,0.{i:000000}1\n");
        string path = Dir.File("parts.csv", sb.ToString());
        var user = Assert.Throws<GapLens.Core.UserInputException>(() => InferenceCsvFastPath.TryReadTable(path, PandasFloatPrecision.High,
            (_, _) => throw new GapLens.Core.UserInputException("inference CSV: gone"), 2, CancellationToken.None));
        Assert.Equal("inference CSV: gone", user.Message);
        Assert.Throws<IOException>(() => InferenceCsvFastPath.TryReadTable(path, PandasFloatPrecision.High,
            (_, _) => throw new IOException("read failed"), 2, CancellationToken.None));
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "quoted field", "input_path,object_name,label,siamese_score\na,\"b,c\",PASS,0.5\n" },
        { "quote in the last row", "input_path,object_name,label,siamese_score\na,b,PASS,0.5\na,b\",PASS,0.5\n" },
        { "lone carriage return", "input_path,object_name,label,siamese_score\na,b\rc,PASS,0.5\n" },
        { "NUL", "input_path,object_name,label,siamese_score\na,b,PASS,0.5\0\n" },
        { "spaces around the score", "input_path,object_name,label,siamese_score\na,b,PASS, 0.5\n" },
        { "nan", "input_path,object_name,label,siamese_score\na,b,PASS,0.5\na,c,PASS,nan\n" },
        { "empty score", "input_path,object_name,label,siamese_score\na,b,PASS,\n" },
        { "plus sign", "input_path,object_name,label,siamese_score\na,b,PASS,+0.5\n" },
        { "overflow", "input_path,object_name,label,siamese_score\na,b,PASS,1e400\n" },
        { "all integers", "input_path,object_name,label,siamese_score\na,b,PASS,1\na,c,NO_PASS,0\n" },
        { "a 19-digit integer", "input_path,object_name,label,siamese_score\na,b,PASS,0.5\na,c,PASS,1234567890123456789\n" },
        { "true/false", "input_path,object_name,label,siamese_score\na,b,PASS,true\n" },
        { "underscore", "input_path,object_name,label,siamese_score\na,b,PASS,1_000.5\n" },
        { "missing column", "input_path,object_name,label\na,b,PASS\n" },
        { "header only", "input_path,object_name,label,siamese_score\n" },
        { "no line end after the header", "input_path,object_name,label,siamese_score" },
        { "empty file", "" },
        { "fewer fields", "input_path,object_name,label,siamese_score\na,b,PASS\n" },
        { "more fields", "input_path,object_name,label,siamese_score\na,b,PASS,0.5,x\n" },
        { "duplicate column", "input_path,object_name,label,siamese_score,label\na,b,PASS,0.5,NO_PASS\n" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void FilesItCannotReadExactlyAreLeftToTheFullReaderWithItsMessages(string what, string content)
    {
        string path = Dir.File("inference.csv", content);
        Assert.True(InferenceCsvFastPath.TryReadTable(path, PandasFloatPrecision.High, null, 2, CancellationToken.None) is null, what);
        AssertPublicReaderSaysWhatTheFullReaderSays(path);
    }

    [Theory]
    [InlineData("label")]
    [InlineData("path of a later row")]
    [InlineData("header")]
    public void InvalidUtf8AnywhereIsLeftToTheFullReaderWithItsMessage(string where)
    {
        var text = new StringBuilder("input_path,object_name,label,siamese_score\n");
        for (int i = 0; i < 500; i++) text.Append(CultureInfo.InvariantCulture, $"boards/b{i},U{i},PASS,0.{i + 1}\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString()).ToList();
        int at = where switch
        {
            "label" => bytes.IndexOf((byte)'P', 60),
            "path of a later row" => bytes.Count - 20,
            _ => 2,
        };
        bytes.Insert(at, 0xC3); // a lead byte without its continuation
        string path = Dir.File("bad.csv", "");
        File.WriteAllBytes(path, [.. bytes]);
        Assert.Null(InferenceCsvFastPath.TryReadTable(path, PandasFloatPrecision.High, null, 2, CancellationToken.None));
        AssertPublicReaderSaysWhatTheFullReaderSays(path);
    }

    [Fact]
    public void AUtf16FileAndALineLongerThanABlockAreLeftToTheFullReader() // (whose CSV library refuses such a line as well)
    {
        string utf16 = Dir.File("u16.csv", "");
        File.WriteAllBytes(utf16, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("input_path,object_name,label,siamese_score\na,b,PASS,0.5\n")]);
        Assert.Null(InferenceCsvFastPath.TryReadTable(utf16, PandasFloatPrecision.High, null, 1, CancellationToken.None));
        AssertSameTable(InferenceCsv.ReadTableFully(utf16, PandasFloatPrecision.High), InferenceCsv.ReadTable(utf16));
        string longLine = Dir.File("long.csv", "input_path,object_name,label,siamese_score\n" + new string('a', 3 << 20) + ",b,PASS,0.5\na,c,NO_PASS,0.75\n");
        Assert.Null(InferenceCsvFastPath.TryReadTable(longLine, PandasFloatPrecision.High, null, 1, CancellationToken.None));
        Assert.Null(InferenceCsvFastPath.TryReadPaths(longLine, [0], CancellationToken.None));
    }

    [Fact]
    public void ReadingPathsOfAFileWithQuotesIsLeftToTheFullReader()
    {
        string path = Dir.File("q.csv", "input_path,object_name,label,siamese_score\na,b,PASS,0.5\n\"x,y\",c,PASS,0.25\n");
        Assert.Null(InferenceCsvFastPath.TryReadPaths(path, [0, 1], CancellationToken.None));
        Assert.Equal(("x,y", "c"), InferenceCsv.ReadPaths(path, [1])[1]);
    }
}
