using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using GapLens.Core.Json;
using GapLens.Core.Mining.Bcq;
using GapLens.Core.Parsing;

namespace GapLens.IO.Json;

/// <summary>
/// One prediction as it lies in the reader's buffer. Answers are extracted straight from the UTF-8
/// bytes when the string has no escapes; values are decoded only when asked for (evidence).
/// </summary>
public readonly ref struct PredictionView : IPredictionView
{
    private readonly ReadOnlySpan<byte> _buf;
    private readonly PredictionsJsonReader.ItemSlots _slots;

    internal PredictionView(ReadOnlySpan<byte> buffer, PredictionsJsonReader.ItemSlots slots)
    {
        _buf = buffer;
        _slots = slots;
    }

    public long Index => _slots.Index;

    public YesNoExtraction? ExtractResponse() => Extract(_slots.Response);

    public YesNoExtraction? ExtractGroundTruth() => Extract(_slots.Gt);

    public bool TryGetQuestionUtf8(out ReadOnlySpan<byte> utf8)
    {
        var q = _slots.Question;
        if (!q.Present)
        {
            utf8 = default; // an absent question is the empty string
            return true;
        }
        if (q.Type != JsonTokenType.String)
        {
            utf8 = default;
            return false;
        }
        utf8 = q.Escaped ? Encoding.UTF8.GetBytes(DecodeString(q)) : Inner(q);
        return true;
    }

    public PyJsonValue MaterializeQuestion() => _slots.Question.Present ? Decode(_slots.Question) : new PyJsonString("");

    public Prediction Materialize(PyJsonValue? question = null) =>
        new(_slots.Index, DecodeString(_slots.VideoId), Decode(_slots.Response), Decode(_slots.Gt), question ?? MaterializeQuestion());

    private YesNoExtraction? Extract(PredictionsJsonReader.ValueSlot slot)
    {
        if (slot.Type != JsonTokenType.String) return null;
        return slot.Escaped ? YesNoAnswerParser.Extract(DecodeString(slot)) : YesNoAnswerParser.Extract(Inner(slot));
    }

    /// <summary>The bytes between the quotes of an unescaped string token.</summary>
    private ReadOnlySpan<byte> Inner(PredictionsJsonReader.ValueSlot slot) => _buf.Slice(slot.Start + 1, slot.Length - 2);

    private string DecodeString(PredictionsJsonReader.ValueSlot slot)
    {
        var r = new Utf8JsonReader(_buf.Slice(slot.Start, slot.Length), isFinalBlock: true, state: default);
        r.Read();
        return r.GetString()!;
    }

    private PyJsonValue Decode(PredictionsJsonReader.ValueSlot slot)
    {
        var r = new Utf8JsonReader(_buf.Slice(slot.Start, slot.Length), isFinalBlock: true, state: default);
        r.Read();
        return PyJsonValueReader.Read(ref r);
    }
}
