namespace GapLens.Video.Encoders;

/// <summary>
/// Microsoft.ML.Tokenizers 2.0.1 cannot load a unigram SentencePiece model without a BOS piece
/// (trainer_spec.bos_id = -1: T5's and SigLIP's layout, &lt;pad&gt;=0 &lt;/s&gt;=1 &lt;unk&gt;=2): it indexes
/// its vocabulary with -1. SigLIP never adds BOS, so before loading, the model's bos_id is pointed at
/// the unknown piece (which the loader then still treats as unknown). Everything else in the protobuf
/// is kept byte for byte. Field numbers: ModelProto.trainer_spec = 2; TrainerSpec.unk_id = 40,
/// bos_id = 41 (sentencepiece_model.proto).
/// </summary>
internal static class SentencePieceModelPatch
{
    private const int TrainerSpecField = 2;
    private const int UnkIdField = 40;
    private const int BosIdField = 41;

    /// <summary>The model bytes with a usable bos_id; the input itself when nothing needs changing
    /// or the bytes are not a well-formed protobuf (the loader then reports the problem).</summary>
    public static byte[] WithUsableBos(byte[] model)
    {
        try
        {
            int pos = 0;
            while (pos < model.Length)
            {
                int fieldStart = pos;
                ulong key = ReadVarint(model, ref pos);
                if ((int)(key >> 3) == TrainerSpecField && (key & 7) == 2)
                {
                    int len = (int)ReadVarint(model, ref pos);
                    byte[]? patched = PatchTrainerSpec(model.AsSpan(pos, len));
                    if (patched is null) return model;
                    using var ms = new MemoryStream(model.Length + 16);
                    ms.Write(model, 0, fieldStart);
                    WriteVarint(ms, key);
                    WriteVarint(ms, (ulong)patched.Length);
                    ms.Write(patched);
                    ms.Write(model, pos + len, model.Length - pos - len);
                    return ms.ToArray();
                }
                Skip(model, ref pos, key);
            }
            return model;
        }
        catch (IndexOutOfRangeException)
        {
            return model;
        }
        catch (ArgumentOutOfRangeException)
        {
            return model;
        }
    }

    private static byte[]? PatchTrainerSpec(ReadOnlySpan<byte> spec)
    {
        byte[] bytes = spec.ToArray();
        long bos = 1, unk = 0;
        var keep = new MemoryStream(bytes.Length + 8);
        int pos = 0;
        while (pos < bytes.Length)
        {
            int start = pos;
            ulong key = ReadVarint(bytes, ref pos);
            int field = (int)(key >> 3);
            if (field == BosIdField && (key & 7) == 0)
            {
                bos = (long)ReadVarint(bytes, ref pos);
                continue;
            }
            if (field == UnkIdField && (key & 7) == 0)
            {
                int p = pos;
                unk = (long)ReadVarint(bytes, ref p);
            }
            Skip(bytes, ref pos, key);
            keep.Write(bytes, start, pos - start);
        }
        if ((int)bos >= 0) return null;
        WriteVarint(keep, ((ulong)BosIdField << 3) | 0);
        WriteVarint(keep, (ulong)unk);
        return keep.ToArray();
    }

    private static void Skip(byte[] b, ref int pos, ulong key)
    {
        switch (key & 7)
        {
            case 0: ReadVarint(b, ref pos); break;
            case 1: pos += 8; break;
            case 2:
                int length = (int)ReadVarint(b, ref pos);
                pos += length;
                break;
            case 5: pos += 4; break;
            default: throw new ArgumentOutOfRangeException(nameof(key), "unsupported protobuf wire type");
        }
        if (pos > b.Length) throw new ArgumentOutOfRangeException(nameof(pos), "truncated protobuf");
    }

    private static ulong ReadVarint(byte[] b, ref int pos)
    {
        ulong v = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte x = b[pos++];
            v |= (ulong)(x & 0x7F) << shift;
            if ((x & 0x80) == 0) return v;
        }
        throw new ArgumentOutOfRangeException(nameof(b), "varint too long");
    }

    private static void WriteVarint(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }
}
