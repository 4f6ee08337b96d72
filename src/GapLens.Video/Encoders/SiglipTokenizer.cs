using System.Text;
using GapLens.Core;
using Microsoft.ML.Tokenizers;

namespace GapLens.Video.Encoders;

/// <summary>
/// SigLIP's text preprocessing over its SentencePiece model (spiece.model) through
/// Microsoft.ML.Tokenizers, as Hugging Face's SiglipTokenizer does it: lowercase, remove ASCII
/// punctuation, collapse whitespace and trim; SentencePiece (its own normaliser and dummy prefix);
/// truncate to <see cref="MaxLength"/> - 1 ids; append &lt;/s&gt;; pad with &lt;/s&gt; (SigLIP's pad token).
/// Thread-safe.
/// </summary>
public sealed class SiglipTokenizer
{
    private const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private readonly SentencePieceTokenizer _sp;

    private SiglipTokenizer(SentencePieceTokenizer sp, int maxLength, bool lowercase)
    {
        _sp = sp;
        MaxLength = maxLength;
        Lowercase = lowercase;
        EosId = sp.EndOfSentenceId;
    }

    /// <summary>Sequence length SigLIP was trained with: 64.</summary>
    public int MaxLength { get; }

    public bool Lowercase { get; }

    /// <summary>The id of &lt;/s&gt;, appended to every text and used as padding.</summary>
    public int EosId { get; }

    /// <summary>Loads a SentencePiece model (SigLIP's spiece.model); a user error naming the file
    /// when it is missing or not a SentencePiece model.</summary>
    public static SiglipTokenizer Load(string spieceModel, int maxLength = 64, bool lowercase = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        byte[] bytes;
        using (var fs = IO.Files.InputFile.OpenForReading(spieceModel, "tokenizer", "a SentencePiece model file (spiece.model)"))
        using (var ms = new MemoryStream())
        {
            fs.CopyTo(ms);
            bytes = ms.ToArray();
        }
        try
        {
            using var patched = new MemoryStream(SentencePieceModelPatch.WithUsableBos(bytes));
            return new SiglipTokenizer(SentencePieceTokenizer.Create(patched, false, false), maxLength, lowercase);
        }
        catch (Exception ex) when (ex is not UserInputException and not OutOfMemoryException)
        {
            throw new UserInputException($"tokenizer {spieceModel} is not a SentencePiece model: {ex.Message}");
        }
    }

    /// <summary>SiglipTokenizer's canonicalize_text (plus its lowercasing).</summary>
    public string Canonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char ch in Lowercase ? text.ToLowerInvariant() : text)
        {
            if (Punctuation.Contains(ch, StringComparison.Ordinal)) continue;
            if (char.IsWhiteSpace(ch))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>The ids of one text: pieces, truncated to MaxLength - 1, then &lt;/s&gt;. Not padded.</summary>
    public int[] Encode(string text)
    {
        var ids = _sp.EncodeToIds(Canonicalize(text), addBeginningOfSentence: false, addEndOfSentence: false, considerPreTokenization: true, considerNormalization: true);
        int n = Math.Min(ids.Count, MaxLength - 1);
        var result = new int[n + 1];
        for (int i = 0; i < n; i++) result[i] = ids[i];
        result[n] = EosId;
        return result;
    }

    /// <summary>A batch as a padded [texts, length] matrix of int64 (row-major), and the length.</summary>
    public (long[] Ids, int Length) EncodeBatch(IReadOnlyList<string> texts, TextPadding padding)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoded = new int[texts.Count][];
        // SentencePiece encoding costs microseconds a text: a batch is split over the cores.
        if (texts.Count >= 8) Parallel.For(0, texts.Count, i => encoded[i] = Encode(texts[i]));
        else for (int i = 0; i < texts.Count; i++) encoded[i] = Encode(texts[i]);
        int length = padding == TextPadding.MaxLength ? MaxLength : encoded.Length == 0 ? 0 : encoded.Max(e => e.Length);
        var ids = new long[encoded.Length * length];
        Array.Fill(ids, EosId);
        for (int i = 0; i < encoded.Length; i++)
        {
            for (int j = 0; j < encoded[i].Length; j++) ids[i * length + j] = encoded[i][j];
        }
        return (ids, length);
    }
}
