using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GapLens.Core;
using GapLens.IO.Tables;
using GapLens.Testing;

namespace GapLens.Slices.Tests;

/// <summary>The planted table written as JSON Lines (lists as arrays, missing as null, nested metadata)
/// and as Parquet (Parquet.Net; lists as Parquet lists) gives exactly the slices of the CSV, which
/// equal the pandas reference (<see cref="ReferenceTests"/>); malformed files are one-line user errors.</summary>
public sealed class TableFormatTests : TempDirTest
{
    /// <summary>A row of planted.csv with typed cells.</summary>
    public sealed class Row
    {
        [JsonPropertyName("sample_id")] public string SampleId { get; set; } = "";
        [JsonPropertyName("model")] public string Model { get; set; } = "";
        [JsonPropertyName("task")] public string Task { get; set; } = "";
        [JsonPropertyName("lighting")] public string? Lighting { get; set; }
        [JsonPropertyName("duration")] public double Duration { get; set; }
        [JsonPropertyName("tags")] public string[] Tags { get; set; } = [];
        [JsonPropertyName("outcome")] public string Outcome { get; set; } = "";
    }

    private static List<Row> PlantedRows() => [.. File.ReadAllLines(TestData.PathOf("slices", "planted.csv")).Skip(1).Select(l => l.Split(',')).Select(c => new Row
    {
        SampleId = c[0], Model = c[1], Task = c[2], Lighting = c[3].Length == 0 ? null : c[3],
        Duration = double.Parse(c[4], CultureInfo.InvariantCulture), Tags = c[5].Split('|'), Outcome = c[6],
    })];

    private static async Task<IReadOnlyList<Slice>> SlicesOfAsync(string path, SliceTableOptions options)
    {
        var builder = new FeatureTableBuilder(path, options);
        var skipped = await TableFile.ReadAsync(path, builder, null, CancellationToken.None);
        Assert.Empty(skipped);
        var table = builder.Finish();
        return SliceFinder.EveryTestedSlice(table, new SliceOptions { MinSupport = 20 });
    }

    private static void SameSlices(IReadOnlyList<Slice> expected, IReadOnlyList<Slice> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        // The same slice may list its predicates in another order (columns come in file order).
        static string Key(Slice s) => string.Join(SliceLabel.Separator, s.Label.Split(SliceLabel.Separator).Order(StringComparer.Ordinal));
        var byLabel = actual.ToDictionary(Key);
        foreach (var e in expected)
        {
            Assert.True(byLabel.TryGetValue(Key(e), out var a), $"{e.Label} is missing");
            Assert.Equal((e.Size, e.Failures, e.PValue, e.QValue), (a.Size, a.Failures, a.PValue, a.QValue));
        }
    }

    private static Task<IReadOnlyList<Slice>> CsvSlicesAsync() =>
        SlicesOfAsync(TestData.PathOf("slices", "planted.csv"), new SliceTableOptions { Outcome = "outcome", ListFeatures = ["tags"] });

    [Fact]
    public async Task JsonLinesWithArraysNullsAndNestedObjectsGiveTheSlicesOfTheCsv()
    {
        var lines = PlantedRows().Select(r => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sample_id"] = r.SampleId, ["outcome"] = r.Outcome, ["tags"] = r.Tags,
            ["metadata"] = new Dictionary<string, object?> { ["model"] = r.Model, ["task"] = r.Task, ["lighting"] = r.Lighting, ["duration"] = r.Duration },
        }));
        string path = Dir.File("planted.jsonl", string.Join('\n', lines) + "\n");

        var slices = await SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome", FeaturePrefix = "metadata.", Features = ["model", "task", "lighting", "duration", "tags"] });

        SameSlices(await CsvSlicesAsync(), slices);
    }

    [Fact]
    public async Task AJsonArrayOfObjectsGivesTheSlicesOfTheCsvWhateverTheItemSize()
    {
        // Pretty-printed as vlm_bcq's predictions.json, with a byte order mark and one item far larger
        // than the reader's first buffer (it must grow, then read on).
        var items = PlantedRows().Select((r, i) => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sample_id"] = r.SampleId, ["outcome"] = r.Outcome, ["tags"] = r.Tags, ["model"] = r.Model, ["task"] = r.Task,
            ["lighting"] = r.Lighting, ["duration"] = r.Duration, ["notes"] = i == 100 ? new string('x', 300_000) : "n",
        }, new JsonSerializerOptions { WriteIndented = true }));
        string path = Dir.Combine("planted.json");
        File.WriteAllText(path, "[\n" + string.Join(",\n", items) + "\n]\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var slices = await SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome", Features = ["model", "task", "lighting", "duration", "tags"] });

        SameSlices(await CsvSlicesAsync(), slices);
    }

    [Theory]
    [InlineData("[\n  {\"outcome\": \"wrong\", \"a\": \"x\"},\n\n  \"text\"\n]\n", ":4: an array item that is not a JSON object")]
    [InlineData("[\n  {\"outcome\": \"wrong\", \"a\": \"x\"},\n  {\"outcome\": \"correct\"\n", ":5: not valid JSON")]
    [InlineData("[\n  {\"outcome\": \"wrong\", \"a\": x}\n]", ":2: not valid JSON")]
    public async Task ABrokenJsonArrayNamesItsLine(string json, string message)
    {
        string path = Dir.File("bad.json", json);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" }));

        Assert.StartsWith(path + message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task ParquetWithListsGivesTheSlicesOfTheCsv()
    {
        string path = Dir.Combine("planted.parquet");
        await using (var fs = File.Create(path))
        {
            await Parquet.Serialization.ParquetSerializer.SerializeAsync(PlantedRows(), fs);
        }

        var slices = await SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" });

        SameSlices(await CsvSlicesAsync(), slices);
    }

    [Fact]
    public async Task AJsonLineThatIsNotAnObjectNamesItsLine()
    {
        string path = Dir.File("bad.jsonl", "{\"outcome\": \"wrong\", \"a\": \"x\"}\n\n[1, 2]\n");

        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" }));

        Assert.StartsWith(path + ":3: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>A .json table is one array: a second one (an export appended to another) or stray text
    /// after it is an error naming its line, as Python's json.load says "Extra data"; white space is fine.</summary>
    [Fact]
    public async Task AnythingButWhiteSpaceAfterTheArrayIsAnErrorNamingItsLine()
    {
        string row = "{\"outcome\": \"wrong\", \"a\": \"x\"}";
        string twice = Dir.File("twice.json", $"[{row}]\n[{row}]\n");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(twice, new SliceTableOptions { Outcome = "outcome" }));
        Assert.StartsWith(twice + ":2: more after the closing ']'", ex.Message, StringComparison.Ordinal);

        string padded = Dir.File("padded.json", $"[{row},\n{row}]\n\n \t\r\n" + new string(' ', 200_000) + "\n");
        await SlicesOfAsync(padded, new SliceTableOptions { Outcome = "outcome" });

        string far = Dir.File("far.json", $"[{row}]" + new string('\n', 3) + new string(' ', 200_000) + "x");
        ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(far, new SliceTableOptions { Outcome = "outcome" }));
        Assert.StartsWith(far + ":4: more after", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A line cut off mid-object (a run killed while appending) is named by its line, and the
    /// message carries no .NET reader positions ("LineNumber: 0 | BytePositionInLine: 30", 0-based
    /// within the line, contradicting the file:line in front).</summary>
    [Fact]
    public async Task ATruncatedLastLineIsNamedWithoutTheReadersPositions()
    {
        string path = Dir.File("cut.jsonl", "{\"outcome\": \"wrong\", \"a\": \"x\"}\n{\"outcome\": \"right\", \"a\": \"y");

        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" }));

        Assert.StartsWith(path + ":2: not valid JSON (", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePosition", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotParquetIsAUserError()
    {
        string path = Dir.File("fake.parquet", "sample_id,outcome\n");

        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" }));

        Assert.StartsWith(path + ": not a readable Parquet file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACsvRowWithTooManyFieldsNamesItsLine()
    {
        string path = Dir.File("bad.csv", "a,outcome\nx,wrong\ny,correct,extra\n");

        var ex = await Assert.ThrowsAsync<UserInputException>(() => SlicesOfAsync(path, new SliceTableOptions { Outcome = "outcome" }));

        Assert.Equal(path + ":3: 3 field(s), but the header has 2", ex.Message);
    }
}
