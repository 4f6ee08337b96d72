namespace GapLens.IO.Json;

/// <summary>
/// Which part of a predictions array a reader covers. <see cref="Whole"/> is the file. For a split
/// read, the first part runs from the start and stops before the item that begins exactly at
/// <see cref="StopAt"/>; the continuation starts at that byte as if a '[' preceded it.
/// </summary>
public readonly record struct ReadRange(long Start, long StopAt, bool IsContinuation)
{
    public static readonly ReadRange Whole = new(0, long.MaxValue, false);

    public static ReadRange FirstPart(long splitAt) => new(0, splitAt, false);

    public static ReadRange Continuation(long splitAt) => new(splitAt, long.MaxValue, true);
}
