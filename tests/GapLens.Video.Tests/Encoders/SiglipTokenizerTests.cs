using GapLens.Core;
using GapLens.Video.Encoders;

namespace GapLens.Video.Tests.Encoders;

public sealed class SiglipTokenizerTests
{
    private static readonly SiglipTokenizer Tokenizer = SiglipTokenizer.Load(TinySiglip.Spiece);

    [Fact]
    public void EncodesLikeSentencePieceWithSiglipsTextRules()
    {
        foreach (var q in TinySiglip.Queries)
        {
            string text = q.GetProperty("text").GetString()!;
            int[] expected = [.. q.GetProperty("ids").EnumerateArray().Select(v => v.GetInt32())];
            Assert.Equal(expected, Tokenizer.Encode(text));
        }
    }

    [Fact]
    public void CanonicalizesLikeHuggingFace()
    {
        Assert.Equal("the red car drives past", Tokenizer.Canonicalize("  the RED car, drives   past!  "));
        Assert.Equal("", Tokenizer.Canonicalize(" ?! "));
        Assert.Equal("dont stop", Tokenizer.Canonicalize("Don't\tstop"));
    }

    [Fact]
    public void TruncatesToSixtyThreeIdsAndKeepsTheEndToken()
    {
        int[] ids = Tokenizer.Encode(string.Concat(Enumerable.Repeat("who opens the door ", 40)));
        Assert.Equal(64, ids.Length);
        Assert.Equal(Tokenizer.EosId, ids[^1]);
        Assert.Equal([1], Tokenizer.Encode(""));
    }

    [Fact]
    public void PadsToSixtyFourOrToTheLongestWithTheEndToken()
    {
        var (ids, length) = Tokenizer.EncodeBatch(["x", "a man"], TextPadding.MaxLength);
        Assert.Equal(64, length);
        Assert.Equal(128, ids.Length);
        Assert.All(ids.Skip(3).Take(61), v => Assert.Equal(1, v));
        var (ids2, length2) = Tokenizer.EncodeBatch(["x", "a man walks"], TextPadding.Longest);
        Assert.Equal(Tokenizer.Encode("a man walks").Length, length2);
        Assert.Equal(2 * length2, ids2.Length);
        var (none, zero) = Tokenizer.EncodeBatch([], TextPadding.Longest);
        Assert.Empty(none);
        Assert.Equal(0, zero);
    }

    [Fact]
    public void AFileThatIsNotASentencePieceModelIsAUserError()
    {
        var ex = Assert.Throws<UserInputException>(() => SiglipTokenizer.Load(TinySiglip.TextModel));
        Assert.Contains("text_model.onnx is not a SentencePiece model", ex.Message);
        Assert.Throws<UserInputException>(() => SiglipTokenizer.Load("/nonexistent/spiece.model"));
    }
}
