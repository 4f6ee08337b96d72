using System.Runtime.CompilerServices;

namespace GapLens.Core.Metrics;

/// <summary>
/// The outcome of sweeping candidate thresholds under a recall constraint: how many candidates there
/// were and how many were feasible, the chosen one (null when none is feasible: the KPI is
/// unreachable), how the tie-break went, and any candidate on demand (<see cref="Candidate"/>, O(1)
/// from the sweep). No point is kept per candidate: millions of distinct scores cost a few arrays
/// of counts (the sweep's), not millions of records.
/// </summary>
public sealed class ThresholdSelection
{
    /// <summary>Recall counts as meeting the target when it is at most this far below it (TAO's tolerance
    /// for recall values that differ from the target only by rounding).</summary>
    public const double RecallTolerance = 1e-12;

    private readonly ScoreSweep _sweep;

    private ThresholdSelection(ScoreSweep sweep, double minRecall)
    {
        _sweep = sweep;
        MinRecall = minRecall;
        CandidateCount = sweep.DistinctScores.Length == 0 ? 0 : sweep.DistinctScores.Length + 1;
    }

    public double MinRecall { get; }

    /// <summary>The value just below the smallest score, then every distinct score.</summary>
    public int CandidateCount { get; }

    public int FeasibleCount { get; private set; }

    /// <summary>The chosen candidate: the best (F1, precision, threshold) among the feasible ones.</summary>
    public OperatingPoint? Best { get; private set; }

    /// <summary>The highest NO_PASS recall of any candidate; null when there are no positives.</summary>
    public double? BestAchievableRecall { get; private set; }

    /// <summary>Feasible candidates with the best F1 (1 when F1 alone decided).</summary>
    public int TiedOnF1 { get; private set; }

    /// <summary>Feasible candidates with the best F1 and the best precision among those.</summary>
    public int TiedOnF1AndPrecision { get; private set; }

    /// <summary>The lowest and highest threshold of the feasible candidates; null when none is feasible.</summary>
    public (double Low, double High)? FeasibleSpan { get; private set; }

    /// <summary>Candidate <paramref name="k"/> (0: just below the smallest score; k: the k-th distinct score) with TAO's metrics.</summary>
    public OperatingPoint Candidate(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, CandidateCount);
        return k == 0
            ? OperatingPoint.At(Math.BitDecrement(_sweep.DistinctScores[0]), new BinaryConfusion(_sweep.Positives, _sweep.Negatives, 0, 0))
            : OperatingPoint.At(_sweep.DistinctScores[k - 1], _sweep.AtDistinctStrict(k - 1));
    }

    /// <summary>Whether candidate <paramref name="k"/> meets the recall target.</summary>
    public bool IsFeasible(int k) => Feasible(Candidate(k), MinRecall);

    private static bool Feasible(OperatingPoint c, double minRecall) => c.Counts.Tp + c.Counts.Fn > 0 && c.Recall >= minRecall - RecallTolerance;

    /// <summary>
    /// TAO vcn_aoi's sweep (strict rule <c>score &gt; t</c>): candidates are the value just below the
    /// smallest score followed by every distinct score ascending; feasible when the class has
    /// positives and recall &gt;= min_recall - 1e-12; the best maximises (F1, precision, threshold).
    /// O(distinct scores) over the sweep's counts, with TAO's formulas (the same doubles as
    /// <see cref="OperatingPoint.At"/>).
    /// </summary>
    public static ThresholdSelection Sweep(ScoreSweep sweep, double minRecall)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var s = new ThresholdSelection(sweep, minRecall);
        var scores = sweep.DistinctScores;
        if (scores.Length == 0 || sweep.Positives == 0)
        {
            s.BestAchievableRecall = null;
            return s;
        }
        double floor = minRecall - RecallTolerance;
        int best = -1, feasible = 0, tiedF1 = 0, tiedF1P = 0;
        double bestF1 = 0, bestP = 0, bestRecall = double.NegativeInfinity;
        double low = double.NaN, high = double.NaN;
        for (int k = 0; k < s.CandidateCount; k++)
        {
            var (p, r) = PrecisionRecall(sweep, k);
            if (r > bestRecall) bestRecall = r;
            if (!(r >= floor)) continue;
            double f1 = F1(p, r);
            double t = k == 0 ? Math.BitDecrement(scores[0]) : scores[k - 1];
            feasible++;
            if (feasible == 1) low = t;
            high = t;
            // Python's max by (f1, precision, threshold); thresholds increase with k, so a tie on
            // F1 and precision goes to the later candidate.
            if (best < 0 || f1 > bestF1)
            {
                best = k;
                bestF1 = f1;
                bestP = p;
                tiedF1 = 1;
                tiedF1P = 1;
            }
            else if (f1 == bestF1)
            {
                tiedF1++;
                if (p > bestP)
                {
                    best = k;
                    bestP = p;
                    tiedF1P = 1;
                }
                else if (p == bestP)
                {
                    best = k;
                    tiedF1P++;
                }
            }
        }
        s.BestAchievableRecall = bestRecall;
        s.FeasibleCount = feasible;
        s.TiedOnF1 = tiedF1;
        s.TiedOnF1AndPrecision = tiedF1P;
        if (best >= 0)
        {
            s.Best = s.Candidate(best);
            s.FeasibleSpan = (low, high);
        }
        return s;
    }

    /// <summary>
    /// The chosen candidate of <see cref="Sweep"/> for each of several recall targets, in one pass
    /// over the candidates instead of one per target (the cost table of a report asks for five):
    /// element j is <c>Sweep(sweep, targets[j]).Best</c>, the same candidate by the same rule and
    /// the same doubles. Recall never rises from one candidate to the next (fewer positives score
    /// above a higher threshold), so the candidates that meet a target are a prefix of them: one
    /// running best, read off as the recall falls below each target's floor (strictest first).
    /// </summary>
    public static OperatingPoint?[] BestForEach(ScoreSweep sweep, ReadOnlySpan<double> targets)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var result = new OperatingPoint?[targets.Length];
        if (sweep.DistinctScores.Length == 0 || sweep.Positives == 0 || targets.IsEmpty) return result;
        var floors = new double[targets.Length];
        var order = new int[targets.Length];
        for (int j = 0; j < targets.Length; j++)
        {
            floors[j] = targets[j] - RecallTolerance;
            order[j] = j;
        }
        // Strictest first; a NaN floor is met by no candidate, so it goes first (nothing chosen).
        Array.Sort(order, (x, y) => StrictFirst(floors[x], floors[y]) is int c && c != 0 ? c : x.CompareTo(y));
        var chosen = new int[targets.Length];
        int next = 0, best = -1, candidates = sweep.DistinctScores.Length + 1;
        double bestF1 = 0, bestP = 0;
        for (int k = 0; k < candidates && next < order.Length; k++)
        {
            var (p, r) = PrecisionRecall(sweep, k);
            while (next < order.Length && !(r >= floors[order[next]])) chosen[order[next++]] = best; // no later candidate meets it
            if (next == order.Length) break;
            double f1 = F1(p, r);
            // Sweep's rule: max by (F1, precision, threshold), a full tie going to the later candidate.
            if (best < 0 || f1 > bestF1 || (f1 == bestF1 && p >= bestP))
            {
                best = k;
                bestF1 = f1;
                bestP = p;
            }
        }
        while (next < order.Length) chosen[order[next++]] = best; // every candidate met it
        var s = new ThresholdSelection(sweep, double.NaN);
        for (int j = 0; j < targets.Length; j++)
        {
            if (chosen[j] >= 0) result[j] = s.Candidate(chosen[j]);
        }
        return result;
    }

    /// <summary>Orders recall floors from the strictest (highest) down, NaN (met by nothing) first.</summary>
    private static int StrictFirst(double a, double b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : b.CompareTo(a);

    /// <summary>TAO's precision and recall of candidate <paramref name="k"/>, which predicts positive for
    /// scores above the (k-1)-th distinct score (all of them for k = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Precision, double Recall) PrecisionRecall(ScoreSweep sweep, int k)
    {
        long posLe = k == 0 ? 0 : sweep.PositivesAtOrBelow(k - 1);
        long negLe = k == 0 ? 0 : sweep.NegativesAtOrBelow(k - 1);
        long tp = sweep.Positives - posLe, fp = sweep.Negatives - negLe;
        double p = tp + fp != 0 ? (double)tp / (tp + fp) : 0.0;
        return (p, (double)tp / sweep.Positives);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double F1(double p, double r)
    {
        double denom = p + r;
        return denom != 0 ? 2.0 * p * r / denom : 0.0;
    }
}
