using System.Text.Json;
using System.Text.Json.Nodes;
using GapLens.Jobs.Demo;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Demo;

/// <summary>
/// The demo's scripted model, fed the requests GapLens' agent sends (frames labelled "Frame k:" as PNG
/// data URLs): similarity first, then the frames after the colour found by id (or a skim after a miss),
/// then the colour seen as the option's letter; "before" is misread as "after"; tools refused = answer now.
/// Embeddings: a colour word and a frame of that colour point the same way.
/// </summary>
public sealed class ScriptedVideoQaModelTests
{
    private const string Question = "The screen turns red for a few seconds. Which colour fills the screen right after the red?\n(A) grey\n(B) green\n(C) blue\n(D) cyan";

    private static readonly ScriptedVideoQaModel Model = new();

    private static string Url(string colour)
    {
        var (_, r, g, b) = colour == "grey" ? ("grey", (byte)120, (byte)120, (byte)125) : ScriptedColours.Palette.Single(p => p.Name == colour);
        return "data:image/png;base64," + Convert.ToBase64String(VideoQaFixture.Png(8, 6, r, g, b));
    }

    private static JsonObject User(string text) => new() { ["role"] = "user", ["content"] = text };

    private static JsonObject Frames(string tool, params (int Id, string Colour)[] frames)
    {
        var parts = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"Here are the {frames.Length} frames from your call to `{tool}`." });
        foreach (var (id, colour) in frames)
        {
            parts.Add(new JsonObject { ["type"] = "text", ["text"] = $"Frame {id}:" });
            parts.Add(new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = Url(colour) } });
        }
        return new JsonObject { ["role"] = "user", ["content"] = parts };
    }

    private static JsonObject Assistant() => new() { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray() };

    private static JsonElement Reply(string question, bool tools, params JsonObject[] more)
    {
        var messages = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are a video question-answering assistant." },
            User($"The video has 240 frames (ID 1 to 240) and is 240 seconds long. Please answer this question:\n{question}"));
        foreach (var m in more) messages.Add(m);
        var request = new JsonObject { ["model"] = ScriptedVideoQaModel.Model, ["messages"] = messages };
        if (tools) request["tools"] = new JsonArray(new JsonObject { ["type"] = "function" });
        else request["tool_choice"] = "none";
        return JsonDocument.Parse(Model.ChatCompletion(JsonDocument.Parse(request.ToJsonString()).RootElement)).RootElement.GetProperty("choices")[0];
    }

    private static (string Name, JsonElement Arguments) ToolCall(JsonElement choice)
    {
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var f = choice.GetProperty("message").GetProperty("tool_calls")[0].GetProperty("function");
        return (f.GetProperty("name").GetString()!, JsonDocument.Parse(f.GetProperty("arguments").GetString()!).RootElement);
    }

    [Fact]
    public void TheFirstTurnSearchesBySimilarityWithTheQuestionsFirstLine()
    {
        var (name, args) = ToolCall(Reply(Question, tools: true));
        Assert.Equal("get_frames_by_similarity", name);
        Assert.Equal("The screen turns red for a few seconds. Which colour fills the screen right after the red?", args.GetProperty("query").GetString());
    }

    [Fact]
    public void AfterFindingTheColourItFetchesTheEightFramesAfterTheLastOneSeen()
    {
        var (name, args) = ToolCall(Reply(Question, true, Assistant(), Frames("get_frames_by_similarity", (33, "red"), (31, "red"), (35, "red"), (200, "grey"), (32, "red"))));
        Assert.Equal("get_frames_by_id", name);
        Assert.Equal([36, 37, 38, 39, 40, 41, 42, 43], args.GetProperty("frame_ids").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void AfterAMissItSkimsFourFramesSpreadOverTheVideo()
    {
        var (name, args) = ToolCall(Reply(Question, true, Assistant(), Frames("get_frames_by_similarity", (230, "grey"), (231, "grey"))));
        Assert.Equal("get_frames_by_id", name);
        Assert.Equal([1, 81, 160, 240], args.GetProperty("frame_ids").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public void ItAnswersWithTheLetterOfTheFirstOtherColourAfterTheMoment()
    {
        var choice = Reply(Question, true, Assistant(), Frames("get_frames_by_similarity", (33, "red"), (34, "red")), Assistant(),
            Frames("get_frames_by_id", (35, "red"), (36, "red"), (37, "blue"), (38, "blue")));
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        string text = choice.GetProperty("message").GetProperty("content").GetString()!;
        Assert.Contains("frame 37 shows blue", text, StringComparison.Ordinal);
        Assert.EndsWith("```json\n{\"answer\": \"C\"}\n```", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AskedWhatComesBeforeItStillLooksAfterAndAnswersWrong()
    {
        const string before = "Which colour fills the screen just before it turns red?\n(A) grey\n(B) green\n(C) blue\n(D) cyan";
        var choice = Reply(before, true, Assistant(), Frames("get_frames_by_similarity", (33, "red")), Assistant(),
            Frames("get_frames_by_id", (34, "red"), (40, "grey")));
        Assert.EndsWith("{\"answer\": \"A\"}\n```", choice.GetProperty("message").GetProperty("content").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void AColourNoOptionNamesOrNothingSeenGivesAReplyWithoutALetter()
    {
        var noOption = Reply(Question, true, Assistant(), Frames("get_frames_by_similarity", (33, "red")), Assistant(), Frames("get_frames_by_id", (34, "magenta")));
        Assert.DoesNotContain("answer", noOption.GetProperty("message").GetProperty("content").GetString()!, StringComparison.Ordinal);
        var missed = Reply(Question, true, Assistant(), Frames("get_frames_by_similarity", (230, "grey")), Assistant(), Frames("get_frames_by_id", (1, "grey"), (81, "grey")));
        Assert.Contains("cannot tell", missed.GetProperty("message").GetProperty("content").GetString()!, StringComparison.Ordinal);
        Assert.False(new GapLens.Core.Parsing.MultipleChoiceAnswerParser("ABCD").Extract(missed.GetProperty("message").GetProperty("content").GetString()!).Found);
    }

    [Fact]
    public void WithToolsRefusedItAnswersAtOnce()
    {
        var choice = Reply(Question, false);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Contains("cannot tell", choice.GetProperty("message").GetProperty("content").GetString()!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AColourWordAndAFrameOfThatColourEmbedAlikeAndAnUnknownWordLikeGrey(bool base64)
    {
        var request = new JsonObject
        {
            ["model"] = "m",
            ["input"] = new JsonArray("the red screen", Url("red"), Url("blue"), "a vermilion sign", Url("grey")),
        };
        if (base64) request["encoding_format"] = "base64";
        var data = JsonDocument.Parse(Model.Embeddings(JsonDocument.Parse(request.ToJsonString()).RootElement)).RootElement.GetProperty("data");
        var v = data.EnumerateArray().Select(d => base64
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(d.GetProperty("embedding").GetString()!)).ToArray()
            : [.. d.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())]).ToList();
        Assert.Equal(5, v.Count);
        Assert.All(v, x => Assert.Equal(7, x.Length));
        static double Cos(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));
        Assert.True(Cos(v[0], v[1]) > 0.9, $"red text vs red frame: {Cos(v[0], v[1])}");
        Assert.True(Cos(v[0], v[2]) < 0.2, $"red text vs blue frame: {Cos(v[0], v[2])}");
        Assert.True(Cos(v[3], v[4]) > 0.9, $"unknown word vs grey frame: {Cos(v[3], v[4])}");
        Assert.True(Cos(v[3], v[1]) < 0.2, $"unknown word vs red frame: {Cos(v[3], v[1])}");
    }
}
