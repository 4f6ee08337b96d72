using System.IO.Hashing;

namespace GapLens.IO.Files;

/// <summary>Content fingerprints for run manifests.</summary>
public static class FileHash
{
    /// <summary>Name of the fingerprint algorithm as written in manifests.</summary>
    public const string Algorithm = "xxh128";

    /// <summary>
    /// XXH3-128 of a file's bytes as lowercase hex: a content fingerprint that tells whether two runs
    /// read the same input (not a security hash). It runs at memory speed, so it can run beside the
    /// main read without taking a core from it for long.
    /// </summary>
    public static async Task<string> Xxh128Async(string path, CancellationToken ct)
    {
        var hash = new XxHash128();
        await using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await hash.AppendAsync(fs, ct).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>Newlines in the first <paramref name="length"/> bytes of a file (for error line numbers).</summary>
    public static long CountNewlines(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buf = new byte[1 << 20];
        long count = 0;
        while (length > 0)
        {
            int n = fs.Read(buf, 0, (int)Math.Min(buf.Length, length));
            if (n == 0) break;
            count += buf.AsSpan(0, n).Count((byte)'\n');
            length -= n;
        }
        return count;
    }
}
