namespace GapLens.Perception.Annotations;

/// <summary>The members of one video that are parsed, copied out of the read buffer: their values
/// side by side in <see cref="Bytes"/>, each located by a range (null when the video has none).</summary>
internal sealed record VideoBytes(string VideoId, byte[] Bytes, Range? Metadata, Range? Questions, Range? Objects)
{
    public static VideoBytes Copy(string videoId, ReadOnlySpan<byte> video, IReadOnlyList<(Range Key, Range Value)> members, bool tracks)
    {
        Range? meta = null, questions = null, objects = null;
        int size = 0;
        foreach (var (key, value) in members)
        {
            if (Wanted(video[key], tracks)) size += video[value].Length;
        }
        var bytes = new byte[size];
        int at = 0;
        foreach (var (key, value) in members)
        {
            var k = video[key];
            if (!Wanted(k, tracks)) continue;
            var v = video[value];
            v.CopyTo(bytes.AsSpan(at));
            var range = new Range(at, at + v.Length);
            at += v.Length;
            if (k.SequenceEqual("\"metadata\""u8)) meta = range;
            else if (k.SequenceEqual("\"mc_question\""u8)) questions = range;
            else objects = range;
        }
        return new VideoBytes(videoId, bytes, meta, questions, objects);
    }

    private static bool Wanted(ReadOnlySpan<byte> key, bool tracks) =>
        key.SequenceEqual("\"metadata\""u8) || key.SequenceEqual("\"mc_question\""u8) || (tracks && key.SequenceEqual("\"object_tracking\""u8));
}
