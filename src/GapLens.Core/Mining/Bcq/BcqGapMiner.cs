using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Parsing;
using GapLens.Core.Text;

namespace GapLens.Core.Mining.Bcq;

/// <summary>
/// The vlm_bcq rule as a streaming accumulator: feed predictions in file order, then
/// <see cref="Finish"/>. Positive = yes. FP = response yes, gt no; FN = response no, gt yes. The
/// response is parsed first; a sample whose response or ground truth has no single clear answer is
/// skipped. The miner keeps counts only; each item's evidence (an FP/FN case, or a skip with the TAO
/// warning text) is returned to the caller, who streams it out, so memory grows with the number of
/// distinct questions, not with the number of samples or of gaps.
/// </summary>
public sealed class BcqGapMiner
{
    private const int SnippetLength = 80;

    private readonly GroupAccumulator _overall = new();
    private readonly List<QuestionAccumulator> _questionOrder = [];
    private readonly Dictionary<byte[], QuestionAccumulator> _stringQuestions = new(ByteKeyComparer.Instance);
    private readonly Dictionary<string, QuestionAccumulator> _otherQuestions = new(StringComparer.Ordinal);

    /// <summary>Adds one prediction; returns its evidence (a case, a skip, or nothing for TP/TN).</summary>
    public BcqEvidence Add(Prediction p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var view = new MaterializedPrediction(p);
        return Add(ref view);
    }

    /// <summary>
    /// Adds one prediction seen through a view; a clear TP/TN allocates nothing, evidence (FP/FN
    /// cases, skips) is materialised from the view and returned.
    /// </summary>
    public BcqEvidence Add<TView>(ref TView view) where TView : IPredictionView, allows ref struct
    {
        var question = QuestionFor(ref view);
        _overall.Samples++;
        question.Acc.Samples++;

        var response = view.ExtractResponse();
        BcqSkipReason? skip = response is not { } r ? BcqSkipReason.ResponseNotString
            : r.Answer is null ? (r.IsAmbiguous ? BcqSkipReason.ResponseAmbiguous : BcqSkipReason.ResponseNoAnswer)
            : null;
        YesNoExtraction? truth = null;
        if (skip is null)
        {
            truth = view.ExtractGroundTruth();
            skip = truth is not { } g ? BcqSkipReason.GroundTruthNotString
                : g.Answer is null ? (g.IsAmbiguous ? BcqSkipReason.GroundTruthAmbiguous : BcqSkipReason.GroundTruthNoAnswer)
                : null;
        }
        if (skip is { } reason)
        {
            _overall.Skipped[(int)reason]++;
            question.Acc.Skipped[(int)reason]++;
            var p = view.Materialize(question.Question);
            return new BcqEvidence(null, new BcqSkip(p.Index, p.VideoId, reason, SkipMessage(p, reason)));
        }

        bool predictedYes = response!.Value.Answer == YesNo.Yes;
        bool actualYes = truth!.Value.Answer == YesNo.Yes;
        _overall.Count(predictedYes, actualYes);
        question.Acc.Count(predictedYes, actualYes);
        if (predictedYes == actualYes) return default;
        var item = view.Materialize(question.Question);
        return new BcqEvidence(new BcqCase(
            item.Index, item.VideoId, predictedYes ? BcqErrorType.FP : BcqErrorType.FN, item.Question,
            ((PyJsonString)item.GroundTruth).Value, ((PyJsonString)item.Response).Value), null);
    }

    /// <summary>
    /// Appends the counts of a miner that read the items right after this one's (a later part of the
    /// same file), as if one miner had read both: questions keep their first appearance in file order,
    /// shifted by <paramref name="indexOffset"/> (this part's item count).
    /// </summary>
    public void Append(BcqGapMiner later, long indexOffset)
    {
        ArgumentNullException.ThrowIfNull(later);
        _overall.Add(later._overall);
        foreach (var q in later._questionOrder)
        {
            QuestionAccumulator? mine;
            if (q.Utf8Key is { } bytes)
            {
                if (!_stringQuestions.TryGetValue(bytes, out mine)) _stringQuestions[bytes] = mine = NewQuestion(q.Question, q.FirstIndex + indexOffset, bytes, null);
            }
            else if (!_otherQuestions.TryGetValue(q.TextKey!, out mine))
            {
                _otherQuestions[q.TextKey!] = mine = NewQuestion(q.Question, q.FirstIndex + indexOffset, null, q.TextKey);
            }
            mine.Acc.Add(q.Acc);
        }
    }

    public BcqSummary Finish() => new(
        _overall.ToStats(),
        [.. _questionOrder.Select(q => new BcqQuestionStats(q.Question, q.FirstIndex, q.Acc.ToStats()))]);

    /// <summary>The TAO warning for a skipped sample (the original's wording; non-strings are GapLens' own case).</summary>
    private static string SkipMessage(Prediction p, BcqSkipReason reason) => reason switch
    {
        BcqSkipReason.ResponseNotString =>
            $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): response is not a string (got {p.Response.TypeName}), so it has no single clear 'yes' or 'no'.",
        BcqSkipReason.GroundTruthNotString =>
            $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): ground truth is not a string (got {p.GroundTruth.TypeName}), so it has no single clear 'yes' or 'no'.",
        BcqSkipReason.ResponseAmbiguous or BcqSkipReason.ResponseNoAnswer =>
            $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): response has no single clear 'yes' or 'no' (missing, or both present). Response snippet: {PyStr.Repr(Snippet(((PyJsonString)p.Response).Value))}",
        _ =>
            $"Skipping sample (video_id={PyStr.Repr(p.VideoId)}): ground truth has no single clear 'yes' or 'no' (missing, or both present). GT snippet: {PyStr.Repr(Snippet(((PyJsonString)p.GroundTruth).Value))}",
    };

    /// <summary>The first 80 code points, plus "..." when longer (Python slicing).</summary>
    internal static string Snippet(string s) =>
        PyStr.CodePointLength(s) > SnippetLength ? PyStr.PrefixCodePoints(s, SnippetLength) + "..." : s;

    /// <summary>The group of the item's question: string questions by their UTF-8 bytes (no allocation
    /// once seen), other values by their Python JSON text.</summary>
    private QuestionAccumulator QuestionFor<TView>(ref TView view) where TView : IPredictionView, allows ref struct
    {
        if (view.TryGetQuestionUtf8(out var utf8))
        {
            var lookup = _stringQuestions.GetAlternateLookup<ReadOnlySpan<byte>>();
            if (!lookup.TryGetValue(utf8, out var found))
            {
                byte[] utf8Key = utf8.ToArray();
                found = NewQuestion(view.MaterializeQuestion(), view.Index, utf8Key, null);
                _stringQuestions[utf8Key] = found;
            }
            return found;
        }
        var question = view.MaterializeQuestion();
        string key = PyJsonFormatter.Format(question);
        if (!_otherQuestions.TryGetValue(key, out var acc))
        {
            acc = NewQuestion(question, view.Index, null, key);
            _otherQuestions.Add(key, acc);
        }
        return acc;
    }

    private QuestionAccumulator NewQuestion(PyJsonValue question, long index, byte[]? utf8Key, string? textKey)
    {
        var acc = new QuestionAccumulator(question, index, utf8Key, textKey);
        _questionOrder.Add(acc);
        return acc;
    }

    /// <summary>One question group and its key (UTF-8 bytes for string questions, JSON text otherwise).</summary>
    private sealed class QuestionAccumulator(PyJsonValue question, long firstIndex, byte[]? utf8Key, string? textKey)
    {
        public PyJsonValue Question { get; } = question;

        public long FirstIndex { get; } = firstIndex;

        public byte[]? Utf8Key { get; } = utf8Key;

        public string? TextKey { get; } = textKey;

        public GroupAccumulator Acc { get; } = new();
    }

    private sealed class GroupAccumulator
    {
        public long Samples;
        public long Tp, Fp, Tn, Fn;
        public readonly long[] Skipped = new long[Enum.GetValues<BcqSkipReason>().Length];

        public void Add(GroupAccumulator other)
        {
            Samples += other.Samples;
            Tp += other.Tp;
            Fp += other.Fp;
            Tn += other.Tn;
            Fn += other.Fn;
            for (int i = 0; i < Skipped.Length; i++) Skipped[i] += other.Skipped[i];
        }

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
