using System.Text.Json;
using GapLens.IO.Tables;
using GapLens.Testing;

namespace GapLens.Slices.Tests;

/// <summary>
/// Every slice of tests/TestData/slices/planted.csv against an independent pandas groupby + scipy /
/// statsmodels computation (planted_expected.json, made by make_slices_fixture.py with the versions
/// recorded in it): counts exactly, rates and intervals to 1e-9, p- and q-values to 1e-9 relative; the
/// planted slice is rank 1 and the slice that is worse only by chance is not significant.
/// </summary>
public sealed class ReferenceTests
{
    private static readonly JsonElement Expected = TestData.Json("slices", "planted_expected.json");

    internal static async Task<FeatureTable> TableAsync(string name = "planted")
    {
        var builder = new FeatureTableBuilder(name + ".csv", new SliceTableOptions { Outcome = "outcome", ListFeatures = ["tags"], IdColumn = "sample_id" });
        await TableFile.ReadAsync(TestData.PathOf("slices", name + ".csv"), builder, null, CancellationToken.None);
        return builder.Finish();
    }

    internal static Task<FeatureTable> PlantedTableAsync() => TableAsync();

    private static SliceOptions Options => OptionsOf(Expected);

    private static SliceOptions OptionsOf(JsonElement expected) => new() { MinSupport = expected.GetProperty("min_support").GetInt32(), MaxOrder = 2 };

    /// <summary>The fixture's key of a predicate: feature and value label, numeric bins as "bin{i}".</summary>
    private static string Key(FeatureTable t, IEnumerable<Predicate> predicates) => string.Join(" & ", predicates.Select(p =>
    {
        var f = t.Features[p.Feature];
        string v = f.Kind == FeatureKind.Numeric && f.Values[p.Value] != "(missing)" ? $"bin{p.Value}" : f.Values[p.Value];
        return $"{f.Name}={v}";
    }));

    private static string Key(JsonElement predicates) => string.Join(" & ", predicates.EnumerateArray().Select(p => $"{p[0].GetString()}={p[1].GetString()}"));

    private static void Close(double expected, double? actual, string what, double tol = 1e-9)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
    }

    private static void CloseP(double expected, double? actual, string what)
    {
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - actual.Value) <= Math.Max(1e-9 * Math.Abs(expected), 1e-300), $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>planted: 2,932 samples, every slice by the z test; small: 240 samples with rare failures,
    /// most slices by Fisher's exact test.</summary>
    [Theory]
    [InlineData("planted", "two-proportion-z")]
    [InlineData("small", "fisher-exact")]
    public async Task EverySliceEqualsPandasGroupbyAndStatsmodels(string name, string mainTest)
    {
        var reference = TestData.Json("slices", name + "_expected.json");
        var options = OptionsOf(reference);
        var table = await TableAsync(name);
        Assert.True(reference.GetProperty("slices").EnumerateArray().Count(s => s.GetProperty("test").GetString() == mainTest) > 100, $"the {name} fixture exercises {mainTest}");
        Assert.Equal(reference.GetProperty("rows").GetInt32(), table.RowCount);
        Assert.Equal(reference.GetProperty("classes").EnumerateArray().Select(c => c.GetString()), table.OutcomeClasses);
        var duration = table.Features.Single(f => f.Name == "duration");
        var edges = reference.GetProperty("duration_edges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(edges, duration.BinEdges);

        var slices = SliceFinder.EveryTestedSlice(table, options);
        var expected = reference.GetProperty("slices").EnumerateArray().ToDictionary(s => Key(s.GetProperty("predicates")));
        Assert.Equal(reference.GetProperty("tested").GetInt32(), slices.Count);
        foreach (var s in slices)
        {
            string key = Key(table, s.Predicates);
            Assert.True(expected.TryGetValue(key, out var e), $"slice {key} is not in the reference");
            Assert.Equal(e.GetProperty("counts").EnumerateArray().Select(c => c.GetInt64()), [s.Size - s.Failures, .. s.Kinds.Select(k => k.Count)]);
            Assert.Equal(e.GetProperty("size").GetInt64(), s.Size);
            Assert.Equal(e.GetProperty("failures").GetInt64(), s.Failures);
            Assert.Equal(e.GetProperty("rest_size").GetInt64(), s.RestSize);
            Assert.Equal(e.GetProperty("rest_failures").GetInt64(), s.RestFailures);
            Close(e.GetProperty("rate").GetDouble(), s.FailureRate, key + " rate");
            Close(e.GetProperty("rate_ci")[0].GetDouble(), s.FailureRateCi?.Lower, key + " rate CI lower");
            Close(e.GetProperty("rate_ci")[1].GetDouble(), s.FailureRateCi?.Upper, key + " rate CI upper");
            Close(e.GetProperty("rest_rate").GetDouble(), s.RestFailureRate, key + " rest rate");
            Close(e.GetProperty("rest_rate_ci")[0].GetDouble(), s.RestFailureRateCi?.Lower, key + " rest CI lower");
            Close(e.GetProperty("rest_rate_ci")[1].GetDouble(), s.RestFailureRateCi?.Upper, key + " rest CI upper");
            Close(e.GetProperty("difference").GetDouble(), s.Difference, key + " difference");
            Close(e.GetProperty("difference_ci")[0].GetDouble(), s.DifferenceCi?.Lower, key + " difference CI lower");
            Close(e.GetProperty("difference_ci")[1].GetDouble(), s.DifferenceCi?.Upper, key + " difference CI upper");
            Close(e.GetProperty("gain").GetDouble(), s.Gain, key + " gain");
            Close(e.GetProperty("gain_ci")[0].GetDouble(), s.GainCi?.Lower, key + " gain CI lower");
            Close(e.GetProperty("gain_ci")[1].GetDouble(), s.GainCi?.Upper, key + " gain CI upper");
            Assert.Equal(e.GetProperty("test").GetString(), s.Test);
            CloseP(e.GetProperty("p").GetDouble(), s.PValue, key + " p");
            CloseP(e.GetProperty("q").GetDouble(), s.QValue, key + " q");
        }
    }

    [Fact]
    public async Task PlantedSliceIsRankOneAndTheNoiseSliceIsNotSignificant()
    {
        var table = await PlantedTableAsync();
        var analysis = SliceFinder.Find(table, Options);
        Assert.Equal(Expected.GetProperty("tested").GetInt64(), analysis.Tested);
        Assert.Equal(Key(Expected.GetProperty("planted")), Key(table, analysis.WorseForSure[0].Predicates));
        Assert.Equal("wrong", analysis.WorseForSure[0].Driver);
        string noise = Key(Expected.GetProperty("noise"));
        var everything = SliceFinder.EveryTestedSlice(table, Options);
        var noisy = everything.Single(s => Key(table, s.Predicates) == noise);
        Assert.True(noisy.PValue < 0.05, "the noise slice should look worse than the rest without correction");
        Assert.True(noisy.QValue >= 0.05, $"the noise slice passed q < 0.05 (q = {noisy.QValue})");
        Assert.DoesNotContain(analysis.WorseForSure, s => Key(table, s.Predicates) == noise);
        Assert.Equal(Expected.GetProperty("rank_by_lower_bound").EnumerateArray().Select(Key), analysis.WorseForSure.Select(s => Key(table, s.Predicates)));
        Assert.Equal(Expected.GetProperty("rank_by_gain").EnumerateArray().Select(Key), analysis.BiggestGain.Select(s => Key(table, s.Predicates)));
        Assert.Equal(Expected.GetProperty("significant_kept").GetInt64(), analysis.SignificantWorseKept);
    }

    [Fact]
    public async Task ThePlantedSliceOfTheSmallFixtureIsFoundByFishersTest()
    {
        var reference = TestData.Json("slices", "small_expected.json");
        var table = await TableAsync("small");

        var analysis = SliceFinder.Find(table, OptionsOf(reference));

        Assert.Equal(Key(reference.GetProperty("planted")), Key(table, analysis.WorseForSure[0].Predicates));
        Assert.Equal(reference.GetProperty("rank_by_lower_bound").EnumerateArray().Select(Key), analysis.WorseForSure.Select(s => Key(table, s.Predicates)));
        Assert.Equal(reference.GetProperty("significant_kept").GetInt64(), analysis.SignificantWorseKept);
    }
}
