using GapLens.Core;
using GapLens.IO.Tables;
using GapLens.Statistics;
using GapLens.Testing;

namespace GapLens.Slices.Tests;

/// <summary>What the reference fixtures do not reach: tiny tables, outcome mapping, user errors with
/// their file:line, duplicate features, and the bounded Benjamini-Hochberg family.</summary>
public sealed class EdgeCaseTests : TempDirTest
{
    private async Task<FeatureTable> ReadAsync(string csv, SliceTableOptions options)
    {
        string path = Dir.File("t.csv", csv);
        var builder = new FeatureTableBuilder(path, options);
        await TableFile.ReadAsync(path, builder, null, CancellationToken.None);
        return builder.Finish();
    }

    [Fact]
    public async Task AnUnknownOutcomeValueNamesTheFileTheLineTheColumnAndTheValue()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => ReadAsync("a,outcome\nx,correct\ny,maybe\n", new SliceTableOptions { Outcome = "outcome" }));

        Assert.StartsWith(Dir.Combine("t.csv") + ":3: column 'outcome': outcome value 'maybe' is not known", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task BooleansNeedToBeToldWhichValueIsTheFailure()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => ReadAsync("a,ok\nx,true\ny,false\n", new SliceTableOptions { Outcome = "ok" }));
        Assert.Contains("--failure-values", ex.Message, StringComparison.Ordinal);

        var table = await ReadAsync("a,ok\nx,true\ny,false\ny,FALSE\n", new SliceTableOptions { Outcome = "ok", FailureValues = ["false"] });

        Assert.Equal(3, table.RowCount);
        Assert.Equal([0, 1, 1], Enumerable.Range(0, 3).Select(table.OutcomeAt));
        Assert.Equal(["correct", "wrong"], table.OutcomeClasses.ToArray());
    }

    [Fact]
    public async Task SkippedAndEmptyOutcomesAreLeftOutAndCounted()
    {
        var table = await ReadAsync("a,outcome\nx,correct\ny,skipped\nz,\nx,wrong\n", new SliceTableOptions { Outcome = "outcome" });

        Assert.Equal(2, table.RowCount);
        Assert.Equal(1, table.OutcomeValues.Single(v => v.Value == "skipped").Rows);
        Assert.Equal(OutcomeMapping.Excluded, table.OutcomeValues.Single(v => v.Value == "(no outcome)").Meaning);
    }

    [Fact]
    public async Task MissingColumnsAreUserErrorsListingTheColumns()
    {
        var noOutcome = await Assert.ThrowsAsync<UserInputException>(() => ReadAsync("a,b\nx,y\n", new SliceTableOptions { Outcome = "outcome" }));
        Assert.Equal($"{Dir.Combine("t.csv")}: no outcome column 'outcome' (columns: a, b); name it with --outcome", noOutcome.Message);

        var noFeature = await Assert.ThrowsAsync<UserInputException>(() => ReadAsync("a,outcome\nx,wrong\n", new SliceTableOptions { Outcome = "outcome", Features = ["colour"] }));
        Assert.Equal($"{Dir.Combine("t.csv")}: --features names 'colour', which is not a column (columns: a, outcome)", noFeature.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public async Task AnEmptyJsonLinesFileSaysItIsEmptyRatherThanListingNoColumns(string text)
    {
        string path = Dir.File("t.jsonl", text);
        var builder = new FeatureTableBuilder(path, new SliceTableOptions { Outcome = "outcome" });
        await TableFile.ReadAsync(path, builder, null, CancellationToken.None);

        var e = Assert.Throws<UserInputException>(() => builder.Finish());

        Assert.Equal($"{path}: the file holds no rows (or only empty ones); expected rows with an outcome column 'outcome'", e.Message);
    }

    [Fact]
    public async Task OneSampleGivesNoSliceToTest()
    {
        var table = await ReadAsync("a,outcome\nx,wrong\n", new SliceTableOptions { Outcome = "outcome" });

        var analysis = SliceFinder.Find(table, new SliceOptions { MinSupport = 1 });

        Assert.Equal(0, analysis.Tested);
        Assert.Empty(analysis.WorseForSure);
    }

    [Fact]
    public async Task AFeatureThatRelabelsAnotherIsLeftOutAsADuplicate()
    {
        string rows = string.Concat(Enumerable.Range(0, 40).Select(i => $"{"abcd"[i % 4]},{"ABCD"[i % 4]},{(i % 4 == 0 || i % 7 == 0 ? "wrong" : "correct")}\n"));
        var table = await ReadAsync("task,domain,outcome\n" + rows, new SliceTableOptions { Outcome = "outcome" });

        var analysis = SliceFinder.Find(table, new SliceOptions { MinSupport = 5 });

        Assert.Contains(analysis.Dropped, d => d.Name == "domain" && d.Reason.Contains("splits the samples exactly as task does", StringComparison.Ordinal));
        Assert.Equal(4, analysis.Tested); // task = a..d, no pair
    }

    [Fact]
    public async Task AListFeatureCountsASampleInEachOfItsValues()
    {
        var table = await ReadAsync("types,outcome\na|b,wrong\na,correct\nb,correct\na|b,wrong\nb,correct\na,correct\n", new SliceTableOptions { Outcome = "outcome", ListFeatures = ["types"] });

        var slices = SliceFinder.EveryTestedSlice(table, new SliceOptions { MinSupport = 1 });

        var a = slices.Single(s => s.Label == "types has a");
        var b = slices.Single(s => s.Label == "types has b");
        Assert.Equal((4L, 2L), (a.Size, a.Failures));
        Assert.Equal((4L, 2L), (b.Size, b.Failures));
        // The rest of "types has a" is the samples without a: b, b (no failure).
        Assert.Equal((2L, 0L), (a.RestSize, a.RestFailures));
    }

    [Fact]
    public void TheBoundedFamilyKeepsEveryQValueAtOrBelowItsCutoffExact()
    {
        var rng = new Random(16);
        var p = Enumerable.Range(0, 500).Select(i => i % 50 == 0 ? rng.NextDouble() * 1e-4 : Math.Round(rng.NextDouble(), 3)).ToArray();
        var family = new BenjaminiHochbergFamily(capacity: 16, floor: 0.05);
        foreach (double x in p) family.Add(x);

        var q = family.Finish();
        var (exact, _) = Proportions.BenjaminiHochberg(p);

        Assert.Equal(500, q.Tests);
        Assert.True(q.Cutoff < 1, "the family dropped the larger p-values");
        for (int i = 0; i < p.Length; i++)
        {
            if (q.QValue(p[i]) is { } v) Assert.Equal(exact[i], v);
            else Assert.True(exact[i] > q.Cutoff, $"p {p[i]}: q {exact[i]} is at or below the cutoff {q.Cutoff} but was not kept");
        }
        Assert.Equal(p.Where((x, i) => exact[i] <= 0.05).DefaultIfEmpty(-1).Max(), q.RejectionThreshold(0.05));
    }

    [Fact]
    public void FisherWithAnEmptyColumnIsOneAndTheZTestIsNeverUndefinedWhereItIsChosen()
    {
        Assert.Equal(1.0, TwoProportions.FisherExact(0, 10, 0, 20).PValue);
        var allFail = TwoProportions.Compare(10, 10, 20, 20);
        Assert.Equal(TwoProportions.FisherMethod, allFail.Method);
        Assert.Equal(1.0, allFail.PValue);
        Assert.Equal(TwoProportions.ZMethod, TwoProportions.Compare(50, 100, 30, 100).Method);
    }
}
