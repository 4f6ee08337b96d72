using GapLens.Core.Reports;

namespace GapLens.Jobs.VcnAoi;

/// <summary>
/// The status of a weak sample as the report shows it: "misclassified" on the wrong side of the
/// threshold; "marginal" when right but within <see cref="MarginShare"/> of the score range of it;
/// otherwise "correct" (top-K mode keeps the K weakest per label, which can be far from the threshold).
/// </summary>
public static class RcaSampleBadge
{
    public const double MarginShare = 0.05;

    public static (string Text, Tone Tone) Of(RcaSample s, double scoreRange)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Misclassified) return ("misclassified", Tone.Bad);
        return Math.Abs(s.Weakness) <= MarginShare * (scoreRange > 0 ? scoreRange : 1) ? ("marginal", Tone.Warning) : ("correct", Tone.Good);
    }

    public static string Legend => $"misclassified: on the wrong side of the threshold; marginal: right, but within {MarginShare:P0} of the score range of it; correct: right and farther away.";
}
