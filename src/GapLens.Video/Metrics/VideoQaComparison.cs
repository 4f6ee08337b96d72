using System.Collections.Immutable;
using GapLens.Core.Results;
using GapLens.IO.Documents;
using GapLens.Statistics;

namespace GapLens.Video.Metrics;

/// <summary>
/// Two runs paired by uid: accuracy of each over the paired questions (correct / paired; an
/// unanswered question counts as not correct), their difference (this minus other) with a paired
/// bootstrap interval, McNemar's exact test on the discordant pairs, and the questions that flipped.
/// </summary>
public sealed record VideoQaComparison(
    int Paired,
    int OnlyHere,
    int OnlyOther,
    Proportion ThisAccuracy,
    Proportion OtherAccuracy,
    double? Difference,
    BootstrapResult? DifferenceBootstrap,
    TestResult McNemar,
    long BothRight,
    long BothNotRight,
    ImmutableArray<FlippedItem> Flips)
{
    public static VideoQaComparison Of(IReadOnlyList<VideoQaResultDocument> here, IReadOnlyList<VideoQaResultDocument> other,
        int resamples = Bootstrap.DefaultResamples, ulong seed = GapLens.Core.AnalysisDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(here);
        ArgumentNullException.ThrowIfNull(other);
        var others = other.GroupBy(r => r.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var pairs = here.Where(r => others.ContainsKey(r.ItemId)).Select(r => (A: r, B: others[r.ItemId])).ToList();
        var hereIds = here.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        double[] x = [.. pairs.Select(p => p.A.Outcome == SampleOutcome.Correct ? 1.0 : 0.0)];
        double[] y = [.. pairs.Select(p => p.B.Outcome == SampleOutcome.Correct ? 1.0 : 0.0)];
        long both = 0, onlyA = 0, onlyB = 0, neither = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] == 1 && y[i] == 1) both++;
            else if (x[i] == 1) onlyA++;
            else if (y[i] == 1) onlyB++;
            else neither++;
        }
        var flips = pairs.Where(p => (p.A.Outcome == SampleOutcome.Correct) != (p.B.Outcome == SampleOutcome.Correct))
            .Select(p => new FlippedItem(p.A.ItemId, p.A.Key, string.Join(", ", p.A.QuestionTypes.Select(QuestionTypes.ShortName)), p.A.Expected ?? "",
                p.A.ExtractedAnswer, p.B.ExtractedAnswer, p.A.Outcome == SampleOutcome.Correct))
            .ToImmutableArray();
        return new VideoQaComparison(
            pairs.Count,
            here.Count - pairs.Count,
            others.Keys.Count(k => !hereIds.Contains(k)),
            Proportion.Of(both + onlyA, pairs.Count),
            Proportion.Of(both + onlyB, pairs.Count),
            pairs.Count == 0 ? null : (both + onlyA - (both + onlyB)) / (double)pairs.Count,
            pairs.Count == 0 ? null : Bootstrap.MeanDifference(x, y, resamples, seed),
            Proportions.McNemar(new long[,] { { both, onlyA }, { onlyB, neither } }),
            both,
            neither,
            flips);
    }
}
