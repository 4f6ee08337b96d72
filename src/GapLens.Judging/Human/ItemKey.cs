using System.Security.Cryptography;
using System.Text;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>
/// The pairing key of spec 02, (experiment, model, task_type, task_id), with the opaque id the web
/// app uses in URLs: 12 hex digits of an HMAC-SHA-256 of the key under the store's secret, so a URL
/// names neither the model nor a path, and the model cannot be found by hashing the key with each
/// model name (the blind page shows the other three parts).
/// </summary>
public readonly record struct ItemKey(string Experiment, string Model, string TaskType, string TaskId) : IComparable<ItemKey>
{
    public static ItemKey Of(VmItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Experiment, item.Model, item.TaskType, item.TaskId);
    }

    public static ItemKey Of(ScoreRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.Experiment, record.Model, record.TaskType, record.TaskId);
    }

    /// <summary>The opaque id (12 lowercase hex digits) under a secret <paramref name="salt"/> (the store's).</summary>
    public string Id(ReadOnlySpan<byte> salt)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes($"{Experiment}\0{Model}\0{TaskType}\0{TaskId}"), hash);
        return Convert.ToHexStringLower(hash[..6]);
    }

    /// <summary>Whether a text has the shape of an id (checked before any lookup).</summary>
    public static bool IsIdShaped(string? text) => text is { Length: 12 } && text.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    public int CompareTo(ItemKey other)
    {
        int c = string.CompareOrdinal(Experiment, other.Experiment);
        if (c == 0) c = string.CompareOrdinal(Model, other.Model);
        if (c == 0) c = string.CompareOrdinal(TaskType, other.TaskType);
        return c != 0 ? c : string.CompareOrdinal(TaskId, other.TaskId);
    }

    public override string ToString() => $"{Experiment}/{Model}/{TaskType}/{TaskId}";
}
