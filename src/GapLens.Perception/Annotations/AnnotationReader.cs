using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using GapLens.Core;
using GapLens.Perception.Json;

namespace GapLens.Perception.Annotations;

/// <summary>
/// Reads a Perception Test annotation file (one JSON object keyed by video id; spec 04) by streaming
/// it video by video: the whole document is never in memory, only the parsed questions (and object
/// tracks when asked for). Problems are user errors naming the file, the video and the question or
/// object: a document that is not an object, a video that is not an object, a question without
/// exactly 3 string options, an answer id that is not an integer in 0..2, boxes that are not four
/// normalised numbers.
/// </summary>
public static class AnnotationReader
{
    public const string Expected = "a JSON object keyed by video id (Perception Test annotations)";

    /// <summary>How far outside [0, 1] a box coordinate may stray (rounding) before it is an error;
    /// inside the margin it is clipped.</summary>
    public const double BoxMargin = 0.05;

    /// <summary>Bytes between two progress reports.</summary>
    public const long ProgressStep = 4 << 20;

    /// <summary>
    /// Reads the file. Two stages run side by side: this thread reads and steps through the file,
    /// copying out the members that are used (metadata, mc_question and, when asked for,
    /// object_tracking), and a second thread parses them. Errors come out in file order.
    /// </summary>
    public static PerceptionAnnotations Read(string path, AnnotationReadOptions? options = null, CancellationToken cancellationToken = default) =>
        Read(path, options, progress: null, cancellationToken);

    /// <summary>Reads the file, calling <paramref name="progress"/> with (bytes read, file length) every
    /// <see cref="ProgressStep"/> bytes or so and once at the end (a validation-sized file takes seconds).</summary>
    public static PerceptionAnnotations Read(string path, AnnotationReadOptions? options, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        options ??= AnnotationReadOptions.QuestionsOnly;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<VideoBytes>(boundedCapacity: 512);
        var videos = ImmutableArray.CreateBuilder<PerceptionVideo>();
        var parser = Task.Run(() =>
        {
            try
            {
                foreach (var v in queue.GetConsumingEnumerable(stop.Token)) videos.Add(ParseVideo(v, path));
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                stop.Cancel(); // unblock the reader, then report this (earlier) error
                throw;
            }
        }, CancellationToken.None);
        Exception? readError = null;
        long length = 0;
        try
        {
            using var top = new TopLevelObjectReader(path, "annotations", Expected, nested: true);
            length = top.Length;
            long nextReport = ProgressStep;
            while (top.MoveNext())
            {
                if ((top.Count & 255) == 0) stop.Token.ThrowIfCancellationRequested();
                if (progress is not null && top.Position >= nextReport)
                {
                    progress(top.Position, top.Length);
                    nextReport = top.Position + ProgressStep;
                }
                if (top.ValueType != JsonTokenType.StartObject)
                {
                    throw new UserInputException(
                        $"annotations {path}: video {top.Key} is {TopLevelObjectReader.Describe(top.ValueType)}; expected an object with 'metadata', 'mc_question', 'object_tracking', ... (the file must be {Expected}).");
                }
                bool tracks = options.ObjectTracks && (options.ObjectTracksFor is null || options.ObjectTracksFor.Contains(top.Key));
                queue.Add(VideoBytes.Copy(top.Key, top.Value, top.Members, tracks), stop.Token);
            }
        }
        catch (Exception ex)
        {
            readError = ex;
        }
        finally
        {
            queue.CompleteAdding();
        }
        try
        {
            parser.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (readError is not null)
        {
            // the reader failed first; its error is the one to report
        }
        if (readError is not null) ExceptionDispatchInfo.Capture(readError).Throw();
        progress?.Invoke(length, length);
        return new PerceptionAnnotations(path, videos.ToImmutable());
    }

    private static PerceptionVideo ParseVideo(VideoBytes v, string path)
    {
        string videoId = v.VideoId;
        var json = v.Bytes.AsSpan();
        var where = new Where("annotations", path, videoId);
        VideoMetadata meta = new(null, null, null, null, null);
        var questions = ImmutableArray<McQuestion>.Empty;
        var objects = ImmutableArray<ObjectTrack>.Empty;
        // The reader found the video's members by bracket matching; only the ones used are tokenized.
        try
        {
            if (v.Metadata is { } m)
            {
                var r = Open(json[m]);
                meta = ParseMetadata(ref r, where);
            }
            if (v.Questions is { } q)
            {
                var r = Open(json[q]);
                questions = ParseList(ref r, where, "mc_question", ParseQuestion);
            }
            if (v.Objects is { } o)
            {
                var r = Open(json[o]);
                objects = ParseList(ref r, where, "object_tracking", ParseTrack);
            }
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{where}: not valid JSON: {ex.Message}");
        }
        return new PerceptionVideo(videoId, meta, questions, objects);
    }

    private static Utf8JsonReader Open(ReadOnlySpan<byte> value)
    {
        var r = new Utf8JsonReader(value, isFinalBlock: true, default);
        r.Read();
        return r;
    }

    private delegate T ItemParser<T>(ref Utf8JsonReader r, in Where where, int index);

    private static ImmutableArray<T> ParseList<T>(ref Utf8JsonReader r, in Where where, string field, ItemParser<T> parse)
    {
        if (r.TokenType == JsonTokenType.Null) return [];
        JsonRead.Expect(ref r, JsonTokenType.StartArray, where, field, "a list");
        var items = ImmutableArray.CreateBuilder<T>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            var at = where.At(field, items.Count);
            JsonRead.Expect(ref r, JsonTokenType.StartObject, at, field + " item", "an object");
            items.Add(parse(ref r, at, items.Count));
        }
        return items.ToImmutable();
    }

    private static VideoMetadata ParseMetadata(ref Utf8JsonReader r, in Where where)
    {
        if (r.TokenType == JsonTokenType.Null) return new VideoMetadata(null, null, null, null, null);
        JsonRead.Expect(ref r, JsonTokenType.StartObject, where, "metadata", "an object");
        string? split = null;
        double? fps = null;
        int? frames = null, height = null, width = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonRead.Property(ref r, "split"u8))
            {
                split = JsonRead.StringOrNull(ref r, where, "metadata.split");
            }
            else if (JsonRead.Property(ref r, "frame_rate"u8))
            {
                fps = r.TokenType == JsonTokenType.Null ? null : JsonRead.Number(ref r, where, "metadata.frame_rate");
            }
            else if (JsonRead.Property(ref r, "num_frames"u8))
            {
                frames = r.TokenType == JsonTokenType.Null ? null : JsonRead.Int(ref r, where, "metadata.num_frames");
            }
            else if (JsonRead.Property(ref r, "resolution"u8))
            {
                if (r.TokenType == JsonTokenType.Null) continue;
                JsonRead.Expect(ref r, JsonTokenType.StartArray, where, "metadata.resolution", "[height, width]");
                var dims = new List<int>(2);
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) dims.Add(JsonRead.Int(ref r, where, "metadata.resolution"));
                if (dims.Count != 2 || dims[0] <= 0 || dims[1] <= 0) throw JsonRead.Error(where, $"'metadata.resolution' must be [height, width] in pixels, got [{string.Join(", ", dims)}].");
                height = dims[0];
                width = dims[1];
            }
            else
            {
                JsonRead.SkipProperty(ref r);
            }
        }
        return new VideoMetadata(split, fps, frames, height, width);
    }

    private static McQuestion ParseQuestion(ref Utf8JsonReader r, in Where where, int index)
    {
        string? question = null, area = null, reasoning = null;
        ImmutableArray<string>? options = null, tags = null;
        int? answerId = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonRead.Property(ref r, "question"u8))
            {
                question = JsonRead.String(ref r, where, "question");
            }
            else if (JsonRead.Property(ref r, "options"u8))
            {
                options = StringList(ref r, where, "options");
            }
            else if (JsonRead.Property(ref r, "answer_id"u8))
            {
                answerId = r.TokenType == JsonTokenType.Null ? null : JsonRead.Int(ref r, where, "answer_id");
            }
            else if (JsonRead.Property(ref r, "area"u8))
            {
                area = JsonRead.StringOrNull(ref r, where, "area");
            }
            else if (JsonRead.Property(ref r, "reasoning"u8))
            {
                reasoning = JsonRead.String(ref r, where, "reasoning");
            }
            else if (JsonRead.Property(ref r, "tag"u8))
            {
                tags = StringList(ref r, where, "tag");
            }
            else
            {
                JsonRead.SkipProperty(ref r);
            }
        }
        if (question is null) throw JsonRead.Error(where, "missing 'question'.");
        if (options is not { Length: 3 } opts)
        {
            throw JsonRead.Error(where, options is null ? "missing 'options'; a question needs exactly 3 options." : $"has {options.Value.Length} options; a question needs exactly 3.");
        }
        if (answerId is { } a && (a < 0 || a > 2)) throw JsonRead.Error(where, $"'answer_id' must be 0, 1 or 2, got {a}.");
        if (reasoning is null) throw JsonRead.Error(where, "missing 'reasoning' (descriptive, explanatory, predictive or counterfactual).");
        if (tags is null) throw JsonRead.Error(where, "missing 'tag' (the list of skills).");
        return new McQuestion(index, question, opts, answerId, area, reasoning, tags.Value);
    }

    private static ImmutableArray<string> StringList(ref Utf8JsonReader r, in Where where, string field)
    {
        JsonRead.Expect(ref r, JsonTokenType.StartArray, where, field, "a list of strings");
        var items = ImmutableArray.CreateBuilder<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(JsonRead.String(ref r, where, field + " item"));
        return items.ToImmutable();
    }

    private static ObjectTrack ParseTrack(ref Utf8JsonReader r, in Where where, int index)
    {
        int id = index;
        string label = "";
        bool occluder = false;
        ImmutableArray<int>? frames = null;
        ImmutableArray<NormalizedBox>? boxes = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (JsonRead.Property(ref r, "id"u8))
            {
                id = JsonRead.Int(ref r, where, "id");
            }
            else if (JsonRead.Property(ref r, "label"u8))
            {
                label = JsonRead.StringOrNull(ref r, where, "label") ?? "";
            }
            else if (JsonRead.Property(ref r, "is_occluder"u8))
            {
                occluder = r.TokenType != JsonTokenType.Null && JsonRead.Bool(ref r, where, "is_occluder");
            }
            else if (JsonRead.Property(ref r, "frame_ids"u8))
            {
                JsonRead.Expect(ref r, JsonTokenType.StartArray, where, "frame_ids", "a list of frame numbers");
                var f = ImmutableArray.CreateBuilder<int>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) f.Add(JsonRead.Int(ref r, where, "frame_ids item"));
                frames = f.ToImmutable();
            }
            else if (JsonRead.Property(ref r, "bounding_boxes"u8))
            {
                boxes = Boxes(ref r, where);
            }
            else
            {
                JsonRead.SkipProperty(ref r);
            }
        }
        var fr = frames ?? [];
        var bx = boxes ?? [];
        if (fr.Length != bx.Length) throw JsonRead.Error(where, $"has {bx.Length} bounding_boxes but {fr.Length} frame_ids; they go in pairs.");
        for (int i = 1; i < fr.Length; i++)
        {
            if (fr[i] > fr[i - 1]) continue;
            // Frame lookups search the ids: put the pairs in frame order (a repeated frame keeps its first box).
            var order = Enumerable.Range(0, fr.Length).OrderBy(k => fr[k]).ToArray();
            var keep = order.Where((k, j) => j == 0 || fr[k] != fr[order[j - 1]]).ToArray();
            return new ObjectTrack(id, label, occluder, [.. keep.Select(k => fr[k])], [.. keep.Select(k => bx[k])]);
        }
        return new ObjectTrack(id, label, occluder, fr, bx);
    }

    private static ImmutableArray<NormalizedBox> Boxes(ref Utf8JsonReader r, in Where where)
    {
        JsonRead.Expect(ref r, JsonTokenType.StartArray, where, "bounding_boxes", "a list of [x1, y1, x2, y2]");
        var boxes = ImmutableArray.CreateBuilder<NormalizedBox>();
        Span<double> c = stackalloc double[4];
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            JsonRead.Expect(ref r, JsonTokenType.StartArray, where, "bounding_boxes item", "[x1, y1, x2, y2]");
            int k = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                double v = JsonRead.Number(ref r, where, "bounding_boxes coordinate");
                if (k < 4) c[k] = v;
                k++;
            }
            if (k != 4) throw JsonRead.Error(where, $"box {boxes.Count} has {k} numbers; expected [x1, y1, x2, y2].");
            for (int j = 0; j < 4; j++)
            {
                if (!(c[j] >= -BoxMargin && c[j] <= 1 + BoxMargin))
                {
                    throw JsonRead.Error(where, $"box {boxes.Count} has coordinate {c[j].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; boxes must be normalised to [0, 1] ([x1, y1, x2, y2] as fractions of the width and height).");
                }
                c[j] = Math.Clamp(c[j], 0, 1);
            }
            boxes.Add(new NormalizedBox(c[0], c[1], c[2], c[3]));
        }
        return boxes.ToImmutable();
    }
}
