using System.Text.Json;
using GapLens.Core.Text;
using GapLens.Testing;

namespace GapLens.Core.Tests.Text;

/// <summary>Whole columns against pandas 1.5.3: tests/TestData/pandas_float/columns.json.</summary>
public sealed class PandasColumnTests
{
    private static readonly JsonElement Fixture = TestData.Json("pandas_float", "columns.json");

    private static string Name(PandasDtype d) => d.ToString().ToLowerInvariant();

    private static PandasColumn Feed(JsonElement values, PandasFloatPrecision precision)
    {
        var column = new PandasColumn(precision);
        foreach (var v in values.EnumerateArray()) column.Add(v.GetString(), out _);
        return column;
    }

    public static TheoryData<string> ScoreColumns() => [.. Fixture.GetProperty("columns").EnumerateObject().Select(p => p.Name)];

    public static TheoryData<string> LabelColumns() => [.. Fixture.GetProperty("labels").EnumerateObject().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(ScoreColumns))]
    public void AstypeFloatOfAScoreColumnEqualsPandas(string name)
    {
        var c = Fixture.GetProperty("columns").GetProperty(name);
        var values = c.GetProperty("values");
        foreach (var (precision, key) in new[] { (PandasFloatPrecision.High, "high"), (PandasFloatPrecision.RoundTrip, "round_trip") })
        {
            var column = Feed(values, precision);
            Assert.Equal(c.GetProperty(key + "_dtype").GetString(), Name(column.Dtype));
            var expected = c.GetProperty(key);
            var got = values.EnumerateArray().Select(v => column.TryAsFloat(v.GetString(), out double d) ? TestData.Bits(d) : null).ToList();
            if (expected.ValueKind == JsonValueKind.Null)
            {
                Assert.Contains(null, got); // pandas' astype(float) raised
            }
            else
            {
                Assert.Equal(expected.EnumerateArray().Select(e => e.GetString()), got);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LabelColumns))]
    public void LabelsAreComparedAndWrittenAsVcnAoiDoes(string name)
    {
        var c = Fixture.GetProperty("labels").GetProperty(name);
        var values = c.GetProperty("values");
        var column = Feed(values, PandasFloatPrecision.High);
        Assert.Equal(c.GetProperty("dtype").GetString(), Name(column.Dtype));
        var str = values.EnumerateArray().Select(v => column.AsStr(v.GetString())).ToList();
        Assert.Equal(c.GetProperty("astype_str").EnumerateArray().Select(e => e.GetString()), str);
        Assert.Equal(c.GetProperty("key").EnumerateArray().Select(e => e.GetString()), str.Select(s => PyStr.Upper(PyStr.Strip(s))));
        Assert.Equal(c.GetProperty("output_label").EnumerateArray().Select(e => e.GetString()), str.Select(PyStr.Strip));
        Assert.Equal(c.GetProperty("is_pass").EnumerateArray().Select(e => e.GetBoolean()), str.Select(s => PyStr.Upper(PyStr.Strip(s)) == "PASS"));
    }

    [Fact]
    public void AFloatColumnStaysFloatAndKeepsPandasReadings()
    {
        var column = new PandasColumn(PandasFloatPrecision.High);
        Assert.True(column.Add("0.30000000000000004", out double v));
        Assert.True(column.Add("1", out _));
        Assert.Equal(PandasDtype.Float64, column.Dtype);
        Assert.Equal(0.3, v);
        Assert.True(column.TryAsFloat("0.30000000000000004", out double again));
        Assert.Equal(0.3, again);
    }

    [Fact]
    public void OneUnderscoreTurnsTheWholeColumnIntoTextReadByPythonsFloat()
    {
        var column = new PandasColumn(PandasFloatPrecision.High);
        column.Add("0.30000000000000004", out _);
        Assert.False(column.Add("1_000", out _));
        Assert.Equal(PandasDtype.Object, column.Dtype);
        Assert.True(column.TryAsFloat("0.30000000000000004", out double v));
        Assert.Equal(0.30000000000000004, v); // correctly rounded now
        Assert.False(column.CouldBeBool);
    }

    [Fact]
    public void AnEmptyColumnIsText() => Assert.Equal(PandasDtype.Object, new PandasColumn(PandasFloatPrecision.High).Dtype);
}
