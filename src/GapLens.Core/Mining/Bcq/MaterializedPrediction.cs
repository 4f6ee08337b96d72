using System.Text;
using GapLens.Core.Json;
using GapLens.Core.Parsing;

namespace GapLens.Core.Mining.Bcq;

/// <summary>A <see cref="Prediction"/> already in memory, seen through <see cref="IPredictionView"/>.</summary>
public readonly struct MaterializedPrediction(Prediction prediction) : IPredictionView
{
    public long Index => prediction.Index;

    public YesNoExtraction? ExtractResponse() =>
        prediction.Response is PyJsonString s ? YesNoAnswerParser.Extract(s.Value) : null;

    public YesNoExtraction? ExtractGroundTruth() =>
        prediction.GroundTruth is PyJsonString s ? YesNoAnswerParser.Extract(s.Value) : null;

    public bool TryGetQuestionUtf8(out ReadOnlySpan<byte> utf8)
    {
        if (prediction.Question is PyJsonString s)
        {
            utf8 = Encoding.UTF8.GetBytes(s.Value);
            return true;
        }
        utf8 = default;
        return false;
    }

    public PyJsonValue MaterializeQuestion() => prediction.Question;

    public Prediction Materialize(PyJsonValue? question = null) => prediction;
}
