using DuckDB.NET.Data;
using GapLens.IO.Parquet;
using GapLens.Testing;

namespace GapLens.IO.Tests.Parquet;

/// <summary>
/// kpi_gaps.parquet read back by an independent reader (DuckDB's own Parquet reader, not
/// Parquet.Net) and compared with what TAO's <c>gaps_df.to_parquet(path, index=False)</c> writes.
///
/// Expected schema for TAO's DataFrame (columns filepath and label of Python str, object dtype;
/// siamese_score and weakness float64), from pyarrow's documented mappings:
/// - pandas to Arrow (https://arrow.apache.org/docs/python/pandas.html, "Type differences"): str -> string
///   (utf8), float64 -> double; Table.from_pandas makes every field nullable;
/// - Arrow to Parquet (https://arrow.apache.org/docs/cpp/parquet.html, "Types"): string -> BYTE_ARRAY
///   with logical type STRING (converted type UTF8), double -> DOUBLE; a nullable field is OPTIONAL;
/// - index=False: no __index_level_0__ column (exactly four columns).
/// So: required group schema { optional binary filepath (STRING); optional binary label (STRING);
/// optional double siamese_score; optional double weakness; }.
/// For an empty result pyarrow would write something else: TAO's pd.DataFrame([], columns=[...]) has four
/// empty object columns, which Arrow infers as its null type, written as INT32 with logical type NULL
/// (apache/arrow#30046, ARROW-14488). Spec 01 asks for the four typed columns instead (what TAO documents
/// and what a reader can union with a non-empty file), and that is what is checked here.
/// </summary>
public sealed class KpiGapsParquetDuckDbTests
{
    private static readonly (string Name, string Type, string Repetition, string? Converted, string? Logical, string DuckDb)[] PyarrowSchema =
    [
        ("filepath", "BYTE_ARRAY", "OPTIONAL", "UTF8", "StringType()", "VARCHAR"),
        ("label", "BYTE_ARRAY", "OPTIONAL", "UTF8", "StringType()", "VARCHAR"),
        ("siamese_score", "DOUBLE", "OPTIONAL", null, null, "DOUBLE"),
        ("weakness", "DOUBLE", "OPTIONAL", null, null, "DOUBLE"),
    ];

    /// <summary>Extreme and awkward doubles: the largest, the smallest normal, subnormals, both zeros,
    /// infinities (a weakness can overflow), and values with a 17-digit repr.</summary>
    private static readonly double[] Extremes =
    [
        double.MaxValue, -double.MaxValue, 2.2250738585072014e-308, -2.2250738585072014e-308, double.Epsilon, -double.Epsilon,
        1e-320, 2.225073858507201e-308, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 0.1 + 0.2, 1.0 / 3, 0.30000000000000004 - 0.3,
        9007199254740993.0, 1e308, 4.9406564584124654e-324 * 3,
    ];

    private static readonly string[] Paths =
    [
        "/media/boards/b1/C0001_top.png", "/médias/carte électronique/C0002_side.png", "/データ/基板/C0003_低角度.png", "/data/\U0001F600/C4_top.png",
        "/data/e\u0301/it's \"quoted\"\\back.png", "relative/../up//x_uv.jpg", "/tab\there/new\nline.png", "",
    ];

    private static List<KpiGapRow> Rows()
    {
        var rows = new List<KpiGapRow>();
        string[] labels = ["PASS", "NO_PASS", "pa\u00df", " Missing", "\ufb01x", "nan", ""];
        for (int i = 0; i < Extremes.Length; i++)
        {
            rows.Add(new KpiGapRow(Paths[i % Paths.Length], labels[i % labels.Length], Extremes[i], Extremes[Extremes.Length - 1 - i]));
        }
        return rows;
    }

    private static string Write(TempDir dir, IReadOnlyList<KpiGapRow> rows, string folder = "out")
    {
        string path = dir.Combine(folder, "kpi_gaps.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        KpiGapsParquet.WriteAsync(stream, rows).GetAwaiter().GetResult();
        return path;
    }

    private static List<object?[]> Query(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<object?[]>();
        while (reader.Read()) result.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        return result;
    }

    private static string Literal(string path) => "'" + path.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void AssertPyarrowSchema(string path)
    {
        var schema = Query($"SELECT name, type, repetition_type, converted_type, logical_type, num_children FROM parquet_schema({Literal(path)})");
        Assert.Equal(5, schema.Count);
        Assert.Equal(4L, Convert.ToInt64(schema[0][5], System.Globalization.CultureInfo.InvariantCulture)); // the root group
        Assert.Null(schema[0][1]);
        var columns = schema.Skip(1).Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!, r[3] as string, r[4] as string)).ToArray();
        Assert.Equal(PyarrowSchema.Select(c => (c.Name, c.Type, c.Repetition, c.Converted, c.Logical)).ToArray(), columns);
        var described = Query($"DESCRIBE SELECT * FROM read_parquet({Literal(path)})").Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]!)).ToArray();
        Assert.Equal(PyarrowSchema.Select(c => (c.Name, c.DuckDb, "YES")).ToArray(), described);
    }

    private static List<KpiGapRow> ReadWithDuckDb(string path) =>
        [.. Query($"SELECT filepath, label, siamese_score, weakness FROM read_parquet({Literal(path)}, file_row_number = true) ORDER BY file_row_number")
            .Select(r => new KpiGapRow((string)r[0]!, (string)r[1]!, (double)r[2]!, (double)r[3]!))];

    private static void AssertSameBits(IReadOnlyList<KpiGapRow> expected, IReadOnlyList<KpiGapRow> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Filepath, actual[i].Filepath);
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(TestData.Bits(expected[i].SiameseScore), TestData.Bits(actual[i].SiameseScore));
            Assert.Equal(TestData.Bits(expected[i].Weakness), TestData.Bits(actual[i].Weakness));
        }
    }

    [Fact]
    public void SchemaIsWhatPyarrowWritesForTaosDataFrame()
    {
        using var dir = new TempDir();
        AssertPyarrowSchema(Write(dir, Rows()));
    }

    [Fact]
    public void AnEmptyResultStillHasTheFourTypedColumnsAndNoRows()
    {
        using var dir = new TempDir();
        string path = Write(dir, []);
        AssertPyarrowSchema(path);
        Assert.Equal(0L, Convert.ToInt64(Query($"SELECT count(*) FROM read_parquet({Literal(path)})")[0][0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(ReadWithDuckDb(path));
    }

    [Fact]
    public void DuckDbReadsEveryValueBitForBitIncludingNegativeZeroSubnormalsAndInfinities()
    {
        using var dir = new TempDir();
        var rows = Rows();
        AssertSameBits(rows, ReadWithDuckDb(Write(dir, rows)));
    }

    [Fact]
    public void AFileInANonAsciiFolderReadsTheSame()
    {
        using var dir = new TempDir();
        var rows = Rows();
        string path = Write(dir, rows, "résultats d'analyse/日本 \U0001F600");
        AssertPyarrowSchema(path);
        AssertSameBits(rows, ReadWithDuckDb(path));
    }

    [Fact]
    public void ManyRowsReadBackAndFiltersOnStatisticsGiveTheRightCounts()
    {
        using var dir = new TempDir();
        var rng = new Random(8);
        var rows = Enumerable.Range(0, 150_000).Select(i => new KpiGapRow(
            $"/media/b{i % 300}/C{i:000000}_{(i % 2 == 0 ? "top" : "éclairage")}.png", i % 5 == 0 ? "PASS" : "MISSING",
            rng.NextDouble(), i % 1000 == 0 ? Extremes[i / 1000 % Extremes.Length] : rng.NextDouble() * 2 - 1)).ToList();
        string path = Write(dir, rows);
        AssertSameBits(rows, ReadWithDuckDb(path));
        // Row groups can be skipped on their min/max statistics: wrong statistics would lose rows here.
        foreach (var (where, predicate) in new (string, Func<KpiGapRow, bool>)[]
        {
            ("weakness > 0", r => r.Weakness > 0), ("weakness < -1e300", r => r.Weakness < -1e300), ("weakness > 1e300", r => r.Weakness > 1e300),
            ("siamese_score >= 0.999", r => r.SiameseScore >= 0.999), ("label = 'PASS'", r => r.Label == "PASS"),
            ("filepath LIKE '%éclairage%'", r => r.Filepath.Contains("éclairage", StringComparison.Ordinal)),
        })
        {
            long count = Convert.ToInt64(Query($"SELECT count(*) FROM read_parquet({Literal(path)}) WHERE {where}")[0][0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(rows.Count(predicate) == count, where);
        }
    }
}
