using System.Collections.Immutable;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Parsing;
using GapLens.Core.Text;

namespace GapLens.Core.Mining.Bcq;

/// <summary>
/// The vlm_bcq rule as a streaming accumulator: feed predictions in file order, then
/// <see cref="Finish"/>. Positive = yes. FP = response yes, gt no; FN = response no, gt yes. The
/// response is parsed first; a sample whose response or ground truth has no single clear answer is
/// skipped (returned as a <see cref="BcqSkip"/> carrying the TAO warning text). Memory grows with the
/// number of FP/FN cases and distinct questions, not with the number of samples.
/// </summary>
public sealed class BcqGapMiner
{
    private const int SnippetLength = 80;

    private readonly List<BcqCase> _cases = [];
    private readonly GroupAccumulator _overall = new();
    private readonly Dictionary<string, QuestionAccumulator> _perQuestion = new(StringComparer.Ordinal);
    private readonly List<QuestionAccumulator> _questionOrder = [];

    /// <summary>Adds one prediction; returns the skip diagnostic when the sample is skipped.</summary>
    public BcqSkip? Add(Prediction p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var question = QuestionFor(p);
        _overall.Samples++;
        question.Acc.Samples++;

        var skip = Classify(p, out YesNo response, out YesNo truth);
        if (skip is not null)
        {
            _overall.Skipped[(int)skip.Reason]++;
            question.Acc.Skipped[(int)skip.Reason]++;
            return skip;
        }

        bool predictedYes = response == YesNo.Yes;
        bool actualYes = truth == YesNo.Yes;
        _overall.Count(predictedYes, actualYes);
        question.Acc.Count(predictedYes, actualYes);
        if (predictedYes != actualYes)
        {
            _cases.Add(new BcqCase(
                p.Index, p.VideoId, predictedYes ? BcqErrorType.FP : BcqErrorType.FN, p.Question,
                ((PyJsonString)p.GroundTruth).Value, ((PyJsonString)p.Response).Value));
        }
        return null;
    }

    public BcqSummary Finish() => new(
        [.. _cases],
        _overall.ToStats(),
        [.. _questionOrder.Select(q => new BcqQuestionStats(q.Question, q.FirstIndex, q.Acc.ToStats()))]);

    private static BcqSkip? Classify(Prediction p, out YesNo response, out YesNo truth)
    {
        response = default;
        truth = default;
        if (p.Response is not PyJsonString r)
        {
            return new BcqSkip(p.Index, p.VideoId, BcqSkipReason.ResponseNotString,
                $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): response is not a string (got {p.Response.TypeName}), so it has no single clear 'yes' or 'no'.");
        }
        var fromResponse = YesNoAnswerParser.Extract(r.Value);
        if (fromResponse.Answer is not { } answer)
        {
            return new BcqSkip(p.Index, p.VideoId,
                fromResponse.IsAmbiguous ? BcqSkipReason.ResponseAmbiguous : BcqSkipReason.ResponseNoAnswer,
                $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): response has no single clear 'yes' or 'no' (missing, or both present). Response snippet: {PyStr.Repr(Snippet(r.Value))}");
        }
        if (p.GroundTruth is not PyJsonString g)
        {
            return new BcqSkip(p.Index, p.VideoId, BcqSkipReason.GroundTruthNotString,
                $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): ground truth is not a string (got {p.GroundTruth.TypeName}), so it has no single clear 'yes' or 'no'.");
        }
        var fromTruth = YesNoAnswerParser.Extract(g.Value);
        if (fromTruth.Answer is not { } gt)
        {
            return new BcqSkip(p.Index, p.VideoId,
                fromTruth.IsAmbiguous ? BcqSkipReason.GroundTruthAmbiguous : BcqSkipReason.GroundTruthNoAnswer,
                $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): ground truth has no single clear 'yes' or 'no' (missing, or both present). GT snippet: {PyStr.Repr(Snippet(g.Value))}");
        }
        response = answer;
        truth = gt;
        return null;
    }

    /// <summary>The first 80 code points, plus "..." when longer (Python slicing).</summary>
    internal static string Snippet(string s) =>
        PyStr.CodePointLength(s) > SnippetLength ? PyStr.PrefixCodePoints(s, SnippetLength) + "..." : s;

    private QuestionAccumulator QuestionFor(Prediction p)
    {
        string key = p.Question is PyJsonString s ? "s" + s.Value : "j" + PyJsonFormatter.Format(p.Question);
        if (!_perQuestion.TryGetValue(key, out var acc))
        {
            acc = new QuestionAccumulator(p.Question, p.Index);
            _perQuestion.Add(key, acc);
            _questionOrder.Add(acc);
        }
        return acc;
    }

    private sealed class QuestionAccumulator(PyJsonValue question, long firstIndex)
    {
        public PyJsonValue Question { get; } = question;

        public long FirstIndex { get; } = firstIndex;

        public GroupAccumulator Acc { get; } = new();
    }

    private sealed class GroupAccumulator
    {
        public long Samples;
        public long Tp, Fp, Tn, Fn;
        public readonly long[] Skipped = new long[Enum.GetValues<BcqSkipReason>().Length];

        public void Count(bool predictedYes, bool actualYes)
        {
            if (predictedYes && actualYes) Tp++;
            else if (predictedYes) Fp++;
            else if (actualYes) Fn++;
            else Tn++;
        }

        public BcqGroupStats ToStats() => new(
            Samples,
            new BinaryConfusion(Tp, Fp, Tn, Fn),
            Enum.GetValues<BcqSkipReason>().ToImmutableSortedDictionary(r => r, r => Skipped[(int)r]));
    }
}
