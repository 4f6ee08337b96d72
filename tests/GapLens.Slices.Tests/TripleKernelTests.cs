using System.Globalization;

namespace GapLens.Slices.Tests;

/// <summary>The triple kernel counts every pair table exactly as one table per pair does (the kernel it
/// replaced): mixed numbers of values (padded axes), values below the support folded into "no predicate",
/// three outcome classes, pairs too wide for a triple counted alone, and a feature of more than 256 values
/// left to the other kernel.</summary>
public sealed class TripleKernelTests
{
    private static FeatureTable Table(int rows, int[] values, int seed)
    {
        var rng = new Random(seed);
        var columns = values.Select((v, f) =>
        {
            var codes = new int[rows];
            // Skewed: value 0 common, the last values rare (below a support of 40).
            for (int i = 0; i < rows; i++) codes[i] = rng.NextDouble() < 0.3 ? 0 : rng.Next(v);
            return FeatureColumn.Categorical("f" + f.ToString(CultureInfo.InvariantCulture), Enumerable.Range(0, v).Select(x => "v" + x.ToString(CultureInfo.InvariantCulture)), codes);
        }).ToList();
        var outcome = new byte[rows];
        for (int i = 0; i < rows; i++) outcome[i] = (byte)rng.Next(3);
        return new FeatureTable(columns, outcome, ["correct", "wrong", "unanswered"]);
    }

    [Fact]
    public void EveryPairTableEqualsTheOneTablePerPairKernel()
    {
        var t = Table(20_000, [2, 3, 10, 17, 40, 5, 1, 300, 9, 64], 7);
        var search = new SliceSearch(t, 40, 2, CancellationToken.None);
        int k = t.OutcomeClasses.Length;
        var pairs = new List<(int A, int B)>();
        for (int a = 0; a < t.Features.Length; a++)
        {
            for (int b = a + 1; b < t.Features.Length; b++)
            {
                if (search.Frequent[a].Length > 0 && search.Frequent[b].Length > 0 && TripleKernel.Takes(t, a, b, k)) pairs.Add((a, b));
            }
        }
        var units = TripleKernel.Cover(t, pairs, k);
        Assert.Contains(units, u => u.C >= 0);
        Assert.Contains(units, u => u.C < 0);
        Assert.DoesNotContain(pairs, p => p.A == 7 || p.B == 7); // 300 values: four bytes per sample, not taken
        Assert.Equal(pairs.Count, units.Sum(u => u.Pairs.Count));

        var triples = TripleKernel.Count(t, pairs, search.Map, search.Frequent, k, CancellationToken.None);
        var perPair = PairKernel.Groups(pairs, (a, b) => (search.Frequent[a].Length + 1) * (search.Frequent[b].Length + 1) * k)
            .SelectMany(g => PairKernel.Count(t, g, search.Map, search.Frequent, k, CancellationToken.None)).ToList();

        Assert.Equal(perPair.Count, triples.Length);
        for (int p = 0; p < pairs.Count; p++) Assert.Equal(perPair[p], triples[p]);
        Assert.Equal(20_000, triples[0].Sum());
    }
}
