using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Files;

namespace GapLens.Perception.Confidence;

/// <summary>
/// Reads a confidence file: JSON Lines, one object per answered question (blank lines skipped):
/// <code>
/// {"video_id": "video_10", "id": 0,
///  "option_probs": [0.7, 0.2, 0.1],        probability of each option (sums to 1 within 0.01; renormalised)
///  "option_logprobs": [-0.3, -1.9, -2.5],  or: log-likelihood of each option (softmax gives the probabilities)
///  "verbal": 0.8,                          stated confidence in [0, 1]
///  "samples": [0, 0, 2, 0]}                answers (option ids) of sampled generations
/// </code>
/// At least one signal per line; option_probs and option_logprobs exclude each other. Problems are
/// user errors naming the file, line, field, value and what is allowed.
/// </summary>
public static class ConfidenceReader
{
    public static ConfidenceSet Read(string path, CancellationToken cancellationToken = default)
    {
        using var stream = InputFile.OpenForReading(path, "confidence file");
        using var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var records = ImmutableArray.CreateBuilder<ConfidenceRecord>();
        int line = 0;
        while (text.ReadLine() is { } s)
        {
            line++;
            if ((line & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(s)) continue;
            records.Add(Parse(Encoding.UTF8.GetBytes(s), path, line));
        }
        return new ConfidenceSet(path, records.ToImmutable());
    }

    private static ConfidenceRecord Parse(byte[] json, string path, int line)
    {
        string At() => $"confidence file {path} line {line}";
        var r = new Utf8JsonReader(json, isFinalBlock: true, default);
        string? video = null;
        int? id = null;
        double[]? probs = null, logprobs = null;
        double? verbal = null;
        int[]? samples = null;
        try
        {
            r.Read();
            if (r.TokenType != JsonTokenType.StartObject) throw new UserInputException($"{At()}: expected a JSON object per line, got {Describe(r.TokenType)}.");
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                string name = r.GetString()!;
                r.Read();
                switch (name)
                {
                    case "video_id":
                        video = r.TokenType == JsonTokenType.String ? r.GetString() : throw Field(At(), name, r, "a string");
                        break;
                    case "id":
                        id = r.TokenType == JsonTokenType.Number && r.TryGetInt32(out int q) && q >= 0 ? q : throw Field(At(), name, r, "the question's index in the video (an integer >= 0)");
                        break;
                    case "option_probs":
                        probs = Numbers(ref r, At(), name);
                        break;
                    case "option_logprobs":
                        logprobs = Numbers(ref r, At(), name);
                        break;
                    case "verbal":
                        verbal = r.TokenType == JsonTokenType.Number ? r.GetDouble() : throw Field(At(), name, r, "a number in [0, 1]");
                        break;
                    case "samples":
                        samples = Samples(ref r, At());
                        break;
                    default:
                        r.Skip();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{At()}: not valid JSON: {ex.Message}");
        }
        if (video is null) throw new UserInputException($"{At()}: missing \"video_id\".");
        if (id is null) throw new UserInputException($"{At()}: missing \"id\" (the question's index in the video's mc_question list).");
        if (probs is not null && logprobs is not null) throw new UserInputException($"{At()}: give \"option_probs\" or \"option_logprobs\", not both.");
        ImmutableArray<double>? options = null;
        if (probs is not null) options = Probabilities(probs, At());
        if (logprobs is not null) options = Softmax(logprobs);
        if (verbal is { } v && !(v >= 0 && v <= 1))
        {
            throw new UserInputException($"{At()}: \"verbal\" must be in [0, 1], got {v.ToString("R", CultureInfo.InvariantCulture)}{(v > 1 && v <= 100 ? " (a percentage? divide by 100)" : "")}.");
        }
        if (options is null && verbal is null && samples is null)
        {
            throw new UserInputException($"{At()}: no confidence signal; give at least one of \"option_probs\", \"option_logprobs\", \"verbal\", \"samples\".");
        }
        return new ConfidenceRecord(video, id.Value, line, options, verbal, samples is null ? null : [.. samples]);
    }

    private static double[] Numbers(ref Utf8JsonReader r, string at, string name)
    {
        if (r.TokenType != JsonTokenType.StartArray) throw Field(at, name, r, "a list of 3 numbers, one per option");
        var list = new List<double>(3);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.Number) throw Field(at, name, r, "a list of 3 numbers, one per option");
            double v = r.GetDouble();
            if (!double.IsFinite(v)) throw new UserInputException($"{at}: \"{name}\" holds a non-finite number.");
            list.Add(v);
        }
        if (list.Count != 3) throw new UserInputException($"{at}: \"{name}\" has {list.Count} numbers; expected 3, one per option.");
        return [.. list];
    }

    private static ImmutableArray<double> Probabilities(double[] p, string at)
    {
        double sum = p.Sum();
        if (p.Any(x => x < 0) || Math.Abs(sum - 1) > 0.01)
        {
            throw new UserInputException(
                $"{at}: \"option_probs\" must be 3 non-negative probabilities summing to 1, got [{string.Join(", ", p.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))}]; give unnormalised scores as \"option_logprobs\" instead.");
        }
        return [.. p.Select(x => x / sum)];
    }

    /// <summary>softmax(l) = exp(l - max) / sum(exp(l - max)).</summary>
    internal static ImmutableArray<double> Softmax(IReadOnlyList<double> logits)
    {
        double max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = e.Sum();
        return [.. e.Select(x => x / sum)];
    }

    private static int[] Samples(ref Utf8JsonReader r, string at)
    {
        if (r.TokenType != JsonTokenType.StartArray) throw Field(at, "samples", r, "a list of sampled answer ids (0, 1 or 2)");
        var list = new List<int>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int a) || a is < 0 or > 2) throw Field(at, "samples", r, "a list of sampled answer ids (0, 1 or 2)");
            list.Add(a);
        }
        if (list.Count == 0) throw new UserInputException($"{at}: \"samples\" is empty; give the answer id of each sampled generation.");
        return [.. list];
    }

    private static UserInputException Field(string at, string name, Utf8JsonReader r, string expected)
    {
        string seen = r.TokenType is JsonTokenType.Number or JsonTokenType.String ? Encoding.UTF8.GetString(r.ValueSpan) : Describe(r.TokenType);
        return new UserInputException($"{at}: \"{name}\" must be {expected}, got {seen}.");
    }

    private static string Describe(JsonTokenType t) => Json.TopLevelObjectReader.Describe(t);
}
