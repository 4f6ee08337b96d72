using System.Text.Json;
using GapLens.Testing;

namespace GapLens.Statistics.Tests;

/// <summary>Every value against scipy / scikit-learn / statsmodels (tests/TestData/stats/stats_cases.json,
/// made by make_stats_reference.py with the versions recorded in it).</summary>
public sealed class ReferenceTests
{
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("stats", "stats_cases.json"))).RootElement;

    private static double[] Arr(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    /// <summary>Values to 1e-9 absolute or relative.</summary>
    private static void Close(double? expected, double? actual, string what, double tol = 1e-9)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected?.ToString() ?? "undefined"}, got {actual?.ToString() ?? "undefined"}");
        if (expected is not { } e) return;
        double a = actual!.Value;
        Assert.True(Math.Abs(e - a) <= tol || Math.Abs(e - a) <= tol * Math.Abs(e), $"{what}: expected {e:R}, got {a:R}");
    }

    /// <summary>p-values to 1e-6 relative, with an absolute floor of 1e-300 only (so 1.7e-18 must be
    /// 1.7e-18, not merely below 1e-6; an expected 0 must be at most 1e-300).</summary>
    internal static void CloseP(double? expected, double? actual, string what)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected?.ToString() ?? "undefined"}, got {actual?.ToString() ?? "undefined"}");
        if (expected is not { } e) return;
        double a = actual!.Value;
        Assert.True(Math.Abs(e - a) <= Math.Max(1e-6 * Math.Abs(e), 1e-300), $"{what}: expected {e:R}, got {a:R}");
    }

    /// <summary>A key every case must have (a missing key fails, it does not skip the check).</summary>
    private static JsonElement Key(JsonElement c, string key)
    {
        Assert.True(c.TryGetProperty(key, out var v), $"the reference fixture lacks '{key}' in a case: regenerate it with make_stats_reference.py");
        return v;
    }

    /// <summary>A required number; null means the reference leaves it undefined.</summary>
    private static double? Opt(JsonElement c, string key)
    {
        var v = Key(c, key);
        Assert.True(v.ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"'{key}' is {v.ValueKind}");
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
    }

    [Fact]
    public void DescriptivesEqualNumpy()
    {
        foreach (var c in Ref.GetProperty("descriptive").EnumerateArray())
        {
            var x = Arr(c.GetProperty("x"));
            Close(Opt(c, "mean"), Descriptive.Mean(x), "mean");
            Close(Opt(c, "std0"), Descriptive.Std(x, 0), "std ddof 0");
            Close(Opt(c, "std1"), Descriptive.Std(x, 1), "std ddof 1");
            Close(Opt(c, "median"), Descriptive.Median(x), "median");
            Close(Opt(c, "q10"), Descriptive.Quantile(x, 0.1), "q10");
            Close(Opt(c, "q25"), Descriptive.Quantile(x, 0.25), "q25");
            Close(Opt(c, "q90"), Descriptive.Quantile(x, 0.9), "q90");
            Close(Opt(c, "min"), Descriptive.Min(x), "min");
            Close(Opt(c, "max"), Descriptive.Max(x), "max");
        }
    }

    private static void AssertTest(JsonElement c, string key, TestResult r, string what)
    {
        var v = Key(c, key);
        Assert.Equal(JsonValueKind.Array, v.ValueKind);
        double? stat = v[0].ValueKind == JsonValueKind.Number ? v[0].GetDouble() : null;
        double? p = v[1].ValueKind == JsonValueKind.Number ? v[1].GetDouble() : null;
        if (stat is null)
        {
            Assert.True(r.Statistic is null && r.PValue is null, $"{what}: the reference is undefined, got {r.Statistic} (p {r.PValue})");
            Assert.NotNull(r.UndefinedReason);
            return;
        }
        Close(stat, r.Statistic, what + " statistic");
        CloseP(p, r.PValue, what + " p-value");
    }

    [Fact]
    public void PairedTestsAndCorrelationsEqualScipy()
    {
        int n = 0;
        foreach (var c in Ref.GetProperty("paired").EnumerateArray())
        {
            var x = Arr(c.GetProperty("x"));
            var y = Arr(c.GetProperty("y"));
            foreach (var (name, alt) in new[] { ("two-sided", Alternative.TwoSided), ("less", Alternative.Less), ("greater", Alternative.Greater) })
            {
                AssertTest(c, $"ttest_rel_{name}", TTests.Paired(x, y, alt), $"case {n} ttest_rel {name}");
                AssertTest(c, $"welch_{name}", TTests.Welch(x, y, alt), $"case {n} welch {name}");
                AssertTest(c, $"wilcoxon_{name}", Wilcoxon.SignedRank(x, y, alt), $"case {n} wilcoxon {name}");
            }
            Close(Opt(c, "welch_df"), TTests.Welch(x, y).Df, $"case {n} welch df");
            AssertTest(c, "pearson", Correlation.Pearson(x, y), $"case {n} pearson");
            AssertTest(c, "spearman", Correlation.Spearman(x, y), $"case {n} spearman");
            AssertTest(c, "kendall", Correlation.Kendall(x, y), $"case {n} kendall");
            CloseP(Opt(c, "tost_0.5"), TTests.EquivalencePaired(x, y, -0.5, 0.5).PValue, $"case {n} tost");
            n++;
        }
        Assert.True(n >= 20);
    }

    [Fact]
    public void TheFixtureHasPValuesFarBelowTheOldAbsoluteTolerance()
    {
        // What a relative tolerance is for: these were only checked to be below 1e-6 before.
        var tiny = Ref.GetProperty("paired").EnumerateArray().SelectMany(c => c.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() == 2 && p.Value[1].ValueKind == JsonValueKind.Number)
            .Select(p => p.Value[1].GetDouble()).Where(p => p > 0 && p < 1e-12).ToList();
        Assert.True(tiny.Count >= 20, $"{tiny.Count}");
        Assert.Contains(tiny, p => p < 1e-200);
    }

    [Fact]
    public void AMissingKeyFailsInsteadOfSkipping()
    {
        var noKeys = JsonDocument.Parse("{}").RootElement;
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertTest(noKeys, "pearson", Correlation.Pearson([1, 2, 3], [1, 3, 2]), "case"));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Opt(noKeys, "welch_df"));
    }

    [Fact]
    public void KrippendorffAlphaEqualsTheNumpyImplementationToOneInABillion()
    {
        int n = 0;
        foreach (var c in Ref.GetProperty("krippendorff").EnumerateArray())
        {
            double?[][] ratings = [.. Key(c, "ratings").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray())];
            foreach (var (name, level) in new[] { ("nominal", AlphaLevel.Nominal), ("ordinal", AlphaLevel.Ordinal), ("interval", AlphaLevel.Interval) })
            {
                var alpha = Agreement.KrippendorffAlpha(ratings, level);
                Close(Opt(c, name), alpha.Value, $"case {n} {name} alpha");
                if (alpha.Value is null) Assert.NotNull(alpha.UndefinedReason);
            }
            n++;
        }
        Assert.True(n >= 9);
    }

    [Fact]
    public void KappasEqualScikitLearnAndStatsmodels()
    {
        foreach (var c in Ref.GetProperty("kappa").EnumerateArray())
        {
            var x = Arr(c.GetProperty("x"));
            var y = Arr(c.GetProperty("y"));
            Close(Opt(c, "none"), Agreement.CohenKappa(x, y).Value, "kappa");
            Close(Opt(c, "linear"), Agreement.CohenKappa(x, y, KappaWeights.Linear).Value, "linear kappa");
            Close(Opt(c, "quadratic"), Agreement.CohenKappa(x, y, KappaWeights.Quadratic).Value, "quadratic kappa");
        }
        foreach (var c in Ref.GetProperty("fleiss").EnumerateArray())
        {
            long[][] table = [.. c.GetProperty("table").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray())];
            Close(Opt(c, "kappa"), Agreement.FleissKappa(table).Value, "fleiss");
        }
    }

    [Fact]
    public void ProportionsAndMultipleTestingEqualStatsmodels()
    {
        foreach (var c in Ref.GetProperty("proportions").EnumerateArray())
        {
            var cp = Proportions.ClopperPearson(c.GetProperty("k").GetInt64(), c.GetProperty("n").GetInt64())!;
            Close(c.GetProperty("cp")[0].GetDouble(), cp.Lower, "clopper-pearson lower");
            Close(c.GetProperty("cp")[1].GetDouble(), cp.Upper, "clopper-pearson upper");
        }
        foreach (var c in Ref.GetProperty("mcnemar").EnumerateArray())
        {
            var t = c.GetProperty("table");
            var table = new long[2, 2] { { t[0][0].GetInt64(), t[0][1].GetInt64() }, { t[1][0].GetInt64(), t[1][1].GetInt64() } };
            AssertTest(c, "exact", Proportions.McNemar(table), "mcnemar exact");
            AssertTest(c, "chi2", Proportions.McNemar(table, exact: false), "mcnemar chi2");
            AssertTest(c, "chi2_nocorr", Proportions.McNemar(table, exact: false, correction: false), "mcnemar chi2 no correction");
        }
        var bh = Ref.GetProperty("bh");
        var (adjusted, reject) = Proportions.BenjaminiHochberg(Arr(bh.GetProperty("p")));
        var want = Arr(bh.GetProperty("adjusted"));
        for (int i = 0; i < want.Length; i++) Close(want[i], adjusted[i], $"bh {i}");
        Assert.Equal(bh.GetProperty("reject_0.05").EnumerateArray().Select(v => v.GetBoolean()), reject);
    }

    [Fact]
    public void CalibrationEqualsTheNumpyComputation()
    {
        var cal = Ref.GetProperty("calibration");
        var p = Arr(cal.GetProperty("p"));
        bool[] y = [.. cal.GetProperty("y").EnumerateArray().Select(v => v.GetInt32() == 1)];
        foreach (var (name, strategy) in new[] { ("width", BinStrategy.EqualWidth), ("mass", BinStrategy.EqualMass) })
        {
            var r = Calibration.Evaluate(p, y, 10, strategy);
            Close(cal.GetProperty("brier").GetDouble(), r.Brier, "brier");
            Close(cal.GetProperty($"ece_{name}").GetDouble(), r.Ece, $"ece {name}");
            Close(cal.GetProperty($"mce_{name}").GetDouble(), r.Mce, $"mce {name}");
            var bins = cal.GetProperty($"bins_{name}").EnumerateArray().ToList();
            Assert.Equal(bins.Count, r.Bins.Length);
            for (int i = 0; i < bins.Count; i++)
            {
                Assert.Equal(bins[i][0].GetInt32(), r.Bins[i].Count);
                Close(bins[i][1].GetDouble(), r.Bins[i].Confidence, "bin confidence");
                Close(bins[i][2].GetDouble(), r.Bins[i].Accuracy, "bin accuracy");
            }
        }
    }
}
