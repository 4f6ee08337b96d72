using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Text;
using GapLens.IO.Csv;
using GapLens.Testing;

namespace GapLens.IO.Tests.Csv;

/// <summary>
/// inference.csv read as TAO's vcn_aoi.py reads it with pandas 1.5.3 (tests/TestData/pandas_float,
/// made by make_fixtures.py there): scores bit for bit, labels compared and written as it does.
/// </summary>
public sealed class InferenceCsvTests
{
    private static readonly JsonElement Columns = TestData.Json("pandas_float", "columns.json");
    private static readonly JsonElement Fields = TestData.Json("pandas_float", "fields.json");

    private static string Csv(TempDir dir, IEnumerable<(string Label, string Score)> rows)
    {
        var sb = new System.Text.StringBuilder("input_path,object_name,label,siamese_score\n");
        int i = 0;
        foreach (var (label, score) in rows) sb.Append(CultureInfo.InvariantCulture, $"b,C{i++},{label},{score}\n");
        return dir.File("inference.csv", sb.ToString());
    }

    /// <summary>The first 10,000 fixture fields: Python repr() of random doubles.</summary>
    private static List<(string Text, string High, string RoundTrip)> ReprFields() =>
        [.. Fields.GetProperty("fields").EnumerateArray().Take(10_000).Select(f => (f[0].GetString()!, f[1].GetString()!, f[2].GetString()!))];

    [Fact]
    public void FullPrecisionScoresAreReadAsPandasReadsThemBitForBit()
    {
        using var dir = new TempDir();
        var fields = ReprFields();
        string path = Csv(dir, fields.Select((f, i) => (i % 3 == 0 ? "NO_PASS" : "PASS", f.Text)));
        var table = InferenceCsv.ReadTable(path);
        var differ = Enumerable.Range(0, fields.Count).Where(i => TestData.Bits(table.Scores[i]) != fields[i].High).Select(i => $"{fields[i].Text}: pandas {fields[i].High}, got {TestData.Bits(table.Scores[i])}").ToList();
        Assert.True(differ.Count == 0, $"{differ.Count} of {fields.Count} scores differ from pandas' default parser:\n" + string.Join("\n", differ.Take(20)));
    }

    [Fact]
    public void RoundTripPrecisionReadsTheCorrectlyRoundedDoubles()
    {
        using var dir = new TempDir();
        var fields = ReprFields();
        string path = Csv(dir, fields.Select(f => ("PASS", f.Text)));
        var table = InferenceCsv.ReadTable(path, PandasFloatPrecision.RoundTrip);
        for (int i = 0; i < fields.Count; i++)
        {
            Assert.Equal(fields[i].RoundTrip, TestData.Bits(table.Scores[i]));
            Assert.Equal(double.Parse(fields[i].Text, CultureInfo.InvariantCulture), table.Scores[i]);
        }
        Assert.True(Enumerable.Range(0, fields.Count).Count(i => fields[i].RoundTrip != fields[i].High) > 2_500);
    }

    public static TheoryData<string, bool> ScoreColumns()
    {
        var data = new TheoryData<string, bool>();
        foreach (var p in Columns.GetProperty("columns").EnumerateObject())
        {
            data.Add(p.Name, false);
            data.Add(p.Name, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScoreColumns))]
    public void ScoresAreDfAstypeFloatWhateverDtypePandasInfers(string name, bool roundTrip)
    {
        var c = Columns.GetProperty("columns").GetProperty(name);
        string path = TestData.PathOf("pandas_float", "columns", name + ".csv");
        var expected = c.GetProperty(roundTrip ? "round_trip" : "high");
        var bits = expected.ValueKind == JsonValueKind.Null ? null : expected.EnumerateArray().Select(e => e.GetString()!).ToList();
        var precision = roundTrip ? PandasFloatPrecision.RoundTrip : PandasFloatPrecision.High;
        if (bits is null || bits.Any(b => !double.IsFinite(BitConverter.Int64BitsToDouble(long.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))))
        {
            // pandas raises, or gives NaN/infinity: a one-line user error naming the line of the first such field.
            var ex = Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(path, precision));
            int first = bits is null ? 1 : bits.FindIndex(b => !double.IsFinite(BitConverter.Int64BitsToDouble(long.Parse(b, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            Assert.Contains($"line {first + 2}: siamese_score", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
            return;
        }
        var table = InferenceCsv.ReadTable(path, precision);
        Assert.Equal(bits, table.Scores.Select(TestData.Bits));
    }

    public static TheoryData<string> LabelColumns() => [.. Columns.GetProperty("labels").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(LabelColumns))]
    public void LabelsAreGroupedComparedAndKeptAsVcnAoiDoes(string name)
    {
        var c = Columns.GetProperty("labels").GetProperty(name);
        var table = InferenceCsv.ReadTable(TestData.PathOf("pandas_float", "columns", "label_" + name + ".csv"));
        string[] key = [.. c.GetProperty("key").EnumerateArray().Select(e => e.GetString()!)];
        string[] output = [.. c.GetProperty("output_label").EnumerateArray().Select(e => e.GetString()!)];
        bool[] isPass = [.. c.GetProperty("is_pass").EnumerateArray().Select(e => e.GetBoolean())];
        Assert.Equal(key, Enumerable.Range(0, table.RowCount).Select(r => table.Groups[table.GroupOf(r)]));
        Assert.Equal(output, Enumerable.Range(0, table.RowCount).Select(r => table.Labels[table.LabelIds[r]]));
        Assert.Equal(isPass, Enumerable.Range(0, table.RowCount).Select(table.IsPass));
        Assert.Equal(table.Labels.Length, table.Labels.Distinct(StringComparer.Ordinal).Count());
        // Groups in order of first appearance.
        Assert.Equal(key.Distinct(StringComparer.Ordinal), table.Groups);
    }

    [Fact]
    public void PythonStripAndUpperDecideWhatIsPass()
    {
        using var dir = new TempDir();
        string path = Csv(dir, [("pa\u00df", "0.1"), ("\u001cPASS\u001f", "0.2"), ("\ufb01x", "0.3"), ("\"\"", "0.4"), ("NO_PASS", "0.5")]);
        var table = InferenceCsv.ReadTable(path);
        Assert.Equal([true, true, false, false, false], Enumerable.Range(0, 5).Select(table.IsPass));
        Assert.Equal(["PASS", "FIX", "NAN", "NO_PASS"], table.Groups.ToArray());
        Assert.Equal(["pa\u00df", "PASS", "\ufb01x", "nan", "NO_PASS"], Enumerable.Range(0, 5).Select(r => table.Labels[table.LabelIds[r]]));
    }

    [Theory]
    [InlineData("0.5\n", "nan", "line 3: siamese_score '' is not a finite number (pandas reads it as nan)")]
    [InlineData("0.5\n", "1e309", "line 3: siamese_score '1e309' is not a finite number (pandas reads it as inf)")]
    [InlineData("0.5\n", " inf", "line 3: siamese_score ' inf' is not a finite number (pandas reads it as inf)")]
    [InlineData("0.5\n", "0x10", "line 3: siamese_score '0x10' is not a finite number (pandas cannot convert it to float)")]
    [InlineData("True\n", "0.5", "line 2: siamese_score 'True' is not a finite number (pandas cannot convert it to float)")]
    public void ScoresPandasCannotUseAreUserErrorsNamingTheLine(string first, string second, string message)
    {
        using var dir = new TempDir();
        string text = second == "nan" ? "" : second;
        string path = dir.File("inference.csv", $"input_path,object_name,label,siamese_score\nb,C0,PASS,{first}b,C1,PASS,{text}\n");
        var ex = Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(path));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlankLinesAreSkippedAsPandasSkipsThem()
    {
        // pandas.read_csv (skip_blank_lines=True) gives 2 rows here; a line holding "" is a record (a short one).
        using var dir = new TempDir();
        string path = dir.File("inference.csv", "input_path,object_name,label,siamese_score\nb,C0,PASS,0.5\n\n  \n\t\r\nb,C1,NO_PASS,0.7\n\n\n");
        var table = InferenceCsv.ReadTable(path);
        Assert.Equal([0.5, 0.7], table.Scores);
        Assert.Equal([(1, "b", "C1")], InferenceCsv.ReadPaths(path, [1]).Select(p => (p.Key, p.Value.InputPath, p.Value.ObjectName)));
        string quoted = dir.File("quoted.csv", "input_path,object_name,label,siamese_score\nb,C0,PASS,0.5\n\n\"\"\n");
        Assert.Contains("line 4: a short row: 1 field(s) where the header has 4, so it has no object_name", Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(quoted)).Message, StringComparison.Ordinal);
        Assert.Contains("contains no rows", Assert.Throws<UserInputException>(() => InferenceCsv.ReadTable(dir.File("blank.csv", "input_path,object_name,label,siamese_score\n\n \n"))).Message, StringComparison.Ordinal);
    }
}
