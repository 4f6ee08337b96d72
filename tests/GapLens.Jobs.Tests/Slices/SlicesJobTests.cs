using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.IO.Results;
using GapLens.Jobs.Slices;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Slices;

/// <summary>`gaplens slices` end to end: the planted fixture through the job (slices.csv at full
/// precision against the pandas/statsmodels reference, the report folder all or nothing), GapLens'
/// samples.jsonl (its metadata are the features) and a video-QA results.jsonl, and every bad input a
/// one-line user error that writes nothing.</summary>
public sealed class SlicesJobTests : TempDirTest
{
    private Task<JobOutcome> Run(SlicesOptions o) =>
        new SlicesJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "slices"), CancellationToken.None);

    private string Planted()
    {
        string path = Dir.Combine("planted.csv");
        File.Copy(TestData.PathOf("slices", "planted.csv"), path);
        return path;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        // Slice labels hold no commas here ("a = b & c in (x, y]" is quoted): a minimal RFC 4180 split.
        return [.. lines.Skip(1).Select(l => header.Zip(Split(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var sb = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return fields;
    }

    [Fact]
    public async Task ThePlantedSliceIsRankOneAndSlicesCsvEqualsTheReference()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var reference = TestData.Json("slices", "planted_expected.json");
            string input = Planted();

            var outcome = await Run(new SlicesOptions(input, MinSupport: 20, ListFeatures: ["tags"]));

            Assert.True(outcome.Passed);
            Assert.StartsWith("Worst for sure: model = m3 & task = counting: 76.3% [68.5%, 82.7%] of 135 samples fail", outcome.Headline, StringComparison.Ordinal);
            string dir = Dir.Combine("slices");
            foreach (string f in new[] { "slices.csv", "slices.json", "report.html", "report.md", "report.json", OutputSet.ManifestName, "figures/worse_for_sure.png", "figures/worse_for_sure.svg" })
            {
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            }
            Assert.Empty(OutputSet.Check(dir));
            var rows = ReadCsv(Path.Combine(dir, "slices.csv"));
            var worse = rows.Where(r => r["ranking"] == "worse_for_sure").ToList();
            Assert.Equal(reference.GetProperty("significant_kept").GetInt32(), worse.Count);
            Assert.Equal("model = m3 & task = counting", worse[0]["slice"]);
            Assert.Equal("lighting = night", rows.First(r => r["ranking"] == "biggest_gain")["slice"]);
            var e = reference.GetProperty("slices").EnumerateArray().Single(s => s.GetProperty("predicates").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal) == "[[\"model\",\"m3\"],[\"task\",\"counting\"]]");
            void Close(string column, double expected, double tol = 1e-9)
            {
                double actual = double.Parse(worse[0][column], CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"{column}: expected {expected:R}, got {actual:R}");
            }
            Assert.Equal(e.GetProperty("size").GetInt64().ToString(CultureInfo.InvariantCulture), worse[0]["size"]);
            Assert.Equal(e.GetProperty("failures").GetInt64().ToString(CultureInfo.InvariantCulture), worse[0]["failures"]);
            Close("failure_rate", e.GetProperty("rate").GetDouble());
            Close("failure_rate_ci95_lower", e.GetProperty("rate_ci")[0].GetDouble());
            Close("failure_rate_ci95_upper", e.GetProperty("rate_ci")[1].GetDouble());
            Close("difference_ci95_lower", e.GetProperty("difference_ci")[0].GetDouble());
            Close("gain_ci95_lower", e.GetProperty("gain_ci")[0].GetDouble());
            Close("p_value", e.GetProperty("p").GetDouble(), 1e-9);
            Close("q_value", e.GetProperty("q").GetDouble(), 1e-9);
            Assert.Equal("wrong", worse[0]["driver"]);
            using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
            var metrics = report.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
                .Where(b => b.TryGetProperty("metrics", out _)).SelectMany(b => b.GetProperty("metrics").EnumerateArray()).ToDictionary(m => m.GetProperty("id").GetString()!);
            Assert.Equal(reference.GetProperty("tested").GetDouble(), metrics["slices_tested"].GetProperty("value").GetDouble());
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "slices.json")));
            var root = doc.RootElement;
            Assert.Equal("gaplens.slices/1", root.GetProperty("format").GetString());
            Assert.Equal(reference.GetProperty("tested").GetInt64(), root.GetProperty("tested").GetInt64());
            Assert.Equal(reference.GetProperty("rows").GetInt32(), root.GetProperty("samples").GetInt32());
            var first = root.GetProperty("worse_for_sure")[0];
            Assert.Equal("model|categorical|m3,task|categorical|counting", string.Join(',', first.GetProperty("predicates").EnumerateArray()
                .Select(p => $"{p.GetProperty("feature").GetString()}|{p.GetProperty("kind").GetString()}|{p.GetProperty("value").GetString()}")));
            Assert.Equal(e.GetProperty("q").GetDouble(), first.GetProperty("q_value").GetDouble(), 1e-9 * e.GetProperty("q").GetDouble());
            Assert.Equal(e.GetProperty("difference_ci")[0].GetDouble(), first.GetProperty("difference_ci").GetProperty("lower").GetDouble(), 1e-9);
            Assert.Equal(2, first.GetProperty("parents").GetArrayLength());
            Assert.Equal("wrong", first.GetProperty("kinds")[0].GetProperty("kind").GetString());
            Assert.Contains("4 quantile bin(s) of 2,932 finite values (edges 1, 31.2, 58.6, 89.85, 120)", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task AGapLensSamplesFolderIsSlicedOnItsMetadata()
    {
        string run = Dir.Combine("run");
        Directory.CreateDirectory(run);
        var samples = Enumerable.Range(0, 400).Select(i =>
        {
            string model = i % 2 == 0 ? "a" : "b", task = (i / 2 % 4) switch { 0 => "count", 1 => "order", 2 => "ocr", _ => "space" };
            bool fail = model == "b" && task == "ocr" ? i % 10 != 1 : i % 10 == 0;
            var outcome = fail ? (i % 3 == 0 ? SampleOutcome.Unanswered : SampleOutcome.Wrong) : SampleOutcome.Correct;
            return new SampleResult($"item{i}", outcome, "raw", null, null, null, null)
            {
                Metadata = ImmutableSortedDictionary.CreateRange<string, string>(StringComparer.Ordinal, [new("model", model), new("task", task), new("sample_id", $"s{i}")]),
            };
        });
        File.WriteAllBytes(Path.Combine(run, SampleResultsFile.DefaultName), SampleResultsFile.ToBytes(samples));

        var outcome = await Run(new SlicesOptions(run));

        Assert.StartsWith("Worst for sure: model = b & task = ocr: ", outcome.Headline, StringComparison.Ordinal);
        var rows = ReadCsv(Path.Combine(run, "slices", "slices.csv"));
        Assert.DoesNotContain(rows, r => r["slice"].Contains("item_id", StringComparison.Ordinal) || r["slice"].Contains("sample_id", StringComparison.Ordinal) || r["slice"].Contains("raw_output", StringComparison.Ordinal));
        string md = File.ReadAllText(Path.Combine(run, "slices", "report.md"));
        Assert.Contains("sample_id", md, StringComparison.Ordinal); // listed as not a feature
        Assert.Contains("unanswered", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVideoQaResultsFileIsSlicedOnQuestionTypesAsAList()
    {
        string run = Dir.Combine("vq");
        Directory.CreateDirectory(run);
        File.Copy(TestData.PathOf("videoqa_metrics", "results.jsonl"), Path.Combine(run, "results.jsonl"));

        var outcome = await Run(new SlicesOptions(run, MinSupport: 5));

        Assert.True(outcome.Passed);
        string md = File.ReadAllText(Path.Combine(run, "slices", "report.md"));
        Assert.Contains("| `question_types` | list |", md, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "a,outcome\nx,correct\ny,wrong\n", "--outcome=nope", "t.csv: no outcome column 'nope' (columns: a, outcome); name it with --outcome" },
        { "a,outcome\nx,correct\ny,wrong\n", "--features=colour", "t.csv: --features names 'colour', which is not a column (columns: a, outcome)" },
        { "a,outcome\n", "", "t.csv: no rows" },
        { "a,outcome\nx,skipped\n", "", "t.csv: no sample with an outcome (1 rows, all skipped or without a value in column 'outcome')" },
        { "a,outcome\nx,correct\ny,correct\n", "", "t.csv: no feature column to slice on (a: every sample has its own value: an id (name it in --features to use it anyway)); name them with --features" },
        { "a,outcome\nx,correct\ny,maybe\n", "", "t.csv:3: column 'outcome': outcome value 'maybe' is not known: " },
        { "a,outcome\nx,correct\ny,correct\nx,correct\n", "", "t.csv: column 'outcome': no sample failed (3 samples), so no slice can differ from the rest; check --failure-values / --success-values" },
        { "a,outcome\nx,correct\ny,wrong\nx,wrong\n", "", "t.csv: no slice could be tested: no value of any feature (a) holds at least --min-support 5 and fewer than all 3 samples; lower --min-support or add features" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsOneLineNamingTheFileAndWritesNothing(string csv, string option, string message)
    {
        string path = Dir.File("t.csv", csv);
        var o = new SlicesOptions(path);
        if (option.StartsWith("--outcome=", StringComparison.Ordinal)) o = o with { Outcome = option[10..] };
        if (option.StartsWith("--features=", StringComparison.Ordinal)) o = o with { Features = [option[11..]] };

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(o));

        Assert.StartsWith(Path.Combine(Dir.Path, message), ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(Directory.Exists(Dir.Combine("slices")), "no output folder after a user error");
    }

    [Theory]
    [InlineData(0, null, 0.05, "--max-order must be an integer in [1, 4], got 0")]
    [InlineData(2, 0, 0.05, "--min-support must be an integer in [1, 2147483647], or null (5, or 0.1% of the samples when that is more), got 0")]
    [InlineData(2, null, 1.0, "--alpha must be")]
    public async Task OptionsOutOfRangeAreUserErrors(int maxOrder, int? minSupport, double alpha, string message)
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new SlicesOptions(Planted(), MaxOrder: maxOrder, MinSupport: minSupport, Alpha: alpha)));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }
}
