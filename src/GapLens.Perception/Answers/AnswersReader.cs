using System.Collections.Immutable;
using System.Text.Json;
using GapLens.Core;
using GapLens.Perception.Json;

namespace GapLens.Perception.Answers;

/// <summary>
/// Reads a multiple-choice answers file, streamed like the annotations:
/// <code>{"video_1009": [{"id": 0, "answer_id": 2, "answer": "static or shaking"}, ...], ...}</code>
/// (the shape the starter kit's calc_top1 reads). The Eval.ai submission shape, where each video
/// holds <c>{"mc_question": [...]}</c>, is accepted too. Every item needs an integer "id" and
/// "answer_id" and a string "answer"; other keys are ignored. Whether the ids exist, the answer id is
/// in 0..2 and the text matches are the scorer's checks (in the starter kit's order).
/// </summary>
public static class AnswersReader
{
    public const string Expected = "a JSON object keyed by video id, each a list of {\"id\", \"answer_id\", \"answer\"}";

    public static AnswerSet Read(string path, CancellationToken cancellationToken = default)
    {
        using var top = new TopLevelObjectReader(path, "answers", Expected);
        var answers = ImmutableArray.CreateBuilder<McAnswer>();
        while (top.MoveNext())
        {
            if ((top.Count & 255) == 0) cancellationToken.ThrowIfCancellationRequested();
            var where = new Where("answers", path, top.Key);
            try
            {
                ReadVideo(top.Value, where, answers);
            }
            catch (JsonException ex)
            {
                throw new UserInputException($"{where}: not valid JSON: {ex.Message}");
            }
        }
        return new AnswerSet(path, answers.ToImmutable());
    }

    private static void ReadVideo(ReadOnlySpan<byte> json, in Where where, ImmutableArray<McAnswer>.Builder answers)
    {
        var r = new Utf8JsonReader(json, isFinalBlock: true, default);
        r.Read();
        if (r.TokenType == JsonTokenType.StartObject)
        {
            bool found = false;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                bool mc = r.ValueTextEquals("mc_question"u8);
                JsonRead.Next(ref r);
                if (mc)
                {
                    ReadList(ref r, where, answers);
                    found = true;
                }
                else
                {
                    r.Skip();
                }
            }
            if (!found) throw new UserInputException($"{where} is an object without 'mc_question'; expected a list of answers (or {{\"mc_question\": [...]}}).");
        }
        else if (r.TokenType == JsonTokenType.StartArray)
        {
            ReadList(ref r, where, answers);
        }
        else
        {
            throw new UserInputException($"{where} is {TopLevelObjectReader.Describe(r.TokenType)}; expected a list of answers {{\"id\", \"answer_id\", \"answer\"}}.");
        }
    }

    private static void ReadList(ref Utf8JsonReader r, in Where where, ImmutableArray<McAnswer>.Builder into)
    {
        JsonRead.Expect(ref r, JsonTokenType.StartArray, where, "mc_question", "a list of answers");
        int k = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var at = where.At("answer", k);
            JsonRead.Expect(ref r, JsonTokenType.StartObject, at, "answer", "an object {\"id\", \"answer_id\", \"answer\"}");
            int? id = null, answerId = null;
            string? text = null;
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                if (JsonRead.Property(ref r, "id"u8))
                {
                    id = JsonRead.Int(ref r, at, "id");
                }
                else if (JsonRead.Property(ref r, "answer_id"u8))
                {
                    answerId = JsonRead.Int(ref r, at, "answer_id");
                }
                else if (JsonRead.Property(ref r, "answer"u8))
                {
                    text = JsonRead.String(ref r, at, "answer");
                }
                else
                {
                    JsonRead.SkipProperty(ref r);
                }
            }
            if (id is null) throw JsonRead.Error(at, "missing 'id' (the question's index in the video's mc_question list).");
            if (answerId is null) throw JsonRead.Error(at, "missing 'answer_id' (0, 1 or 2).");
            if (text is null) throw JsonRead.Error(at, "missing 'answer' (the chosen option's text).");
            into.Add(new McAnswer(where.VideoId, id.Value, answerId.Value, text));
            k++;
        }
    }
}
