using GapLens.Core.Json;
using GapLens.Core.Parsing;

namespace GapLens.Core.Mining.Bcq;

/// <summary>
/// One prediction as the miner reads it. A streaming reader implements this over its buffer (a ref
/// struct, no copies), so the common case (a clear TP or TN) allocates nothing; the full
/// <see cref="Prediction"/> is materialised only for evidence (FP/FN cases and skips).
/// </summary>
public interface IPredictionView
{
    long Index { get; }

    /// <summary>The yes/no words found in the response, or null when it is not a JSON string.</summary>
    YesNoExtraction? ExtractResponse();

    /// <summary>The yes/no words found in the ground truth, or null when it is not a JSON string.</summary>
    YesNoExtraction? ExtractGroundTruth();

    /// <summary>
    /// When the question is a JSON string: true and its UTF-8 value (unescaped). Otherwise false, and
    /// the miner groups by <see cref="MaterializeQuestion"/>.
    /// </summary>
    bool TryGetQuestionUtf8(out ReadOnlySpan<byte> utf8);

    PyJsonValue MaterializeQuestion();

    /// <summary>The whole prediction. <paramref name="question"/>, when given, is the already
    /// materialised question of this item (so it is not decoded again).</summary>
    Prediction Materialize(PyJsonValue? question = null);
}
