using System.Text.RegularExpressions;
using GapLens.Core;
using GapLens.IO.VideoQa;
using GapLens.Testing;

namespace GapLens.IO.Tests.VideoQa;

public sealed class VideoQaDataFileTests : TempDirTest
{
    [Fact]
    public void FlattensLvbenchMetaJsonlInFileOrderWithGenreDurationAndTypes()
    {
        string path = Dir.File("video_info.meta.jsonl",
            "{\"key\": \"v1\", \"type\": \"sports\", \"video_info\": {\"duration_minutes\": 68.5}, \"qa\": [" +
            "{\"uid\": 7, \"question\": \"Q1?\\n(A) a\\n(B) b\", \"answer\": \"(b)\", \"question_type\": [\"reasoning\", \"temporal grounding\", \"reasoning\"], \"time_reference\": \"00:01:00-00:01:05\"}," +
            "{\"uid\": \"8\", \"question\": \"Q2?\\n(A) a\\n(B) b\\n(C) c\", \"answer\": \"C\", \"question_type\": [\"entity recognition\"]}]}\n\n" +
            "{\"key\": \"v2\", \"type\": \"news\", \"video_info\": {\"duration_minutes\": 30}, \"qa\": [{\"uid\": 9, \"question\": \"Q3?\\n(A) a\\n(B) b\", \"answer\": \"A\"}]}\n");

        var data = VideoQaDataFile.Read(path);

        Assert.Equal(VideoQaDataFile.MetaFormat, data.Format);
        Assert.Empty(data.Problems);
        Assert.Equal(["7", "8", "9"], data.Items.Select(i => i.Uid));
        var first = data.Items[0];
        Assert.Equal(("v1", "B", "sports", 68.5 * 60), (first.Key, first.Answer, first.Genre, first.DurationSeconds!.Value));
        Assert.Equal(["reasoning", "temporal grounding"], first.QuestionTypes.ToArray());
        Assert.Equal(['A', 'B'], first.Options.ToArray());
        Assert.Equal((60.0, 65.0), (first.Window!.Start, first.Window.End));
        Assert.Equal("video_info.meta.jsonl:1 qa 1", first.Source);
        Assert.Equal("video_info.meta.jsonl:3 qa 1", data.Items[2].Source);
        Assert.Null(data.Items[1].Window);
    }

    [Fact]
    public void CollectsItemProblemsWithoutThrowing()
    {
        string path = Dir.File("data.json", """
            [{"key": "v1", "uid": "a", "question": "Q?\n(A) x\n(B) y", "answer": "A"},
             {"key": "v1", "uid": "a", "question": "Q?\n(A) x\n(B) y", "answer": "B"},
             {"key": "v1", "uid": "b", "question": "Q?\n(A) x\n(B) y", "answer": "D"},
             {"key": "v1", "uid": "c", "question": "no options", "answer": "A"},
             {"key": "../x", "uid": "d", "question": "Q?\n(A) x", "answer": "A"},
             {"key": "v1", "uid": "e", "question": "Q?\n(A) x", "answer": "A", "time_reference": "later"}]
            """);

        var data = VideoQaDataFile.Read(path);

        Assert.Equal(VideoQaDataFile.ArrayFormat, data.Format);
        Assert.Equal(["a", "e"], data.Items.Select(i => i.Uid));
        Assert.Equal(5, data.Problems.Length);
        Assert.Contains("duplicate uid a (first at data.json item 1)", data.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal("answer 'D' is not one of the question's option letters A, B", data.Problems[1].Message);
        Assert.StartsWith("the question lists no options", data.Problems[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("key '../x' cannot name a frames folder", data.Problems[3].Message, StringComparison.Ordinal);
        Assert.False(data.Problems[4].Skips);
        Assert.Null(data.Items[1].Window);
    }

    [Theory]
    [InlineData("[1, 2]", "data.json item 1: ", "expected a JSON object, got a number")]
    [InlineData("[{\"key\": \"v\", \"question\": \"q\", \"answer\": \"A\"}]", "data.json item 1: ", "no \"uid\"")]
    [InlineData("[{\"key\": \"v\", \"uid\": true, \"question\": \"q\", \"answer\": \"A\"}]", "data.json item 1: ", "\"uid\" must be a non-empty string or an integer, got a boolean true")]
    [InlineData("[{\"key\": \"v\", \"uid\": 1, \"question\": \"q\", \"answer\": \"A\", \"question_type\": [3]}]", "data.json item 1: ", "\"question_type\" must be a list of strings")]
    [InlineData("[{\"key\": \"v\", \"uid\": 1, \"question\": \"q\", \"answer\": \"A\"", "data.json: not valid JSON", "")]
    [InlineData("{\"key\": \"v\", \"qa\": 5}", "data.json:1: ", "\"qa\" must be an array of questions, got a number")]
    public void AFileThatIsNotQuestionsIsOneLineNamingTheItemAndTheField(string content, string where, string what)
    {
        string path = Dir.File("data.json", content);
        var ex = Assert.Throws<UserInputException>(() => VideoQaDataFile.Read(path));
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        // The file is named once, by its full path ("/tmp/x/data.json item 1: ...", not "data.json item 1 of /tmp/x/data.json").
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(ex.Message, Regex.Escape("data.json")));
        Assert.DoesNotContain('\n', ex.Message);
    }
}
