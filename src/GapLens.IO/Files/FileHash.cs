using System.IO.Hashing;
using System.Text;
using GapLens.Core.Runs;

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
    public static Task<string> Xxh128Async(string path, CancellationToken ct) =>
        Task.Run(() => Xxh128(path, ct), ct);

    /// <summary>The same fingerprint, read synchronously (small files, or a file just written).</summary>
    public static string Xxh128(string path) => Xxh128(path, CancellationToken.None);

    /// <summary>
    /// Reads in 1 MiB blocks with positional reads: a stream's 4 KiB default turned a 190 MB input into
    /// 46,000 reads and cost a visible share of a one-second run.
    /// </summary>
    private static string Xxh128(string path, CancellationToken ct)
    {
        var hash = new XxHash128();
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int n;
            while ((n = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                hash.Append(buffer.AsSpan(0, n));
                offset += n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>
    /// What a run records of one input: a file's size and content fingerprint; a folder's file count,
    /// total size and a fingerprint of its listing (relative path, size, modification time of every
    /// file, in ordinal order; not the content, which can be gigabytes of video); or that it is missing.
    /// Symbolic links are followed; unreadable entries are left out of the listing. A file whose size
    /// is 0 is not opened: a FIFO, a pipe or a device reports 0 and reading it here would take bytes
    /// from the job (or never end); it is recorded without a fingerprint.
    /// </summary>
    /// <param name="path">The input as named (recorded).</param>
    /// <param name="role">Its role (recorded).</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="contentPath">Where to read its bytes when not at <paramref name="path"/> (a copy of a pipe).</param>
    public static async Task<RunFile> DescribeAsync(string path, string? role, CancellationToken ct, string? contentPath = null)
    {
        string content = contentPath ?? path;
        if (File.Exists(content))
        {
            var info = new FileInfo(content);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
            long bytes = info.Exists ? info.Length : 0;
            string? hash = null;
            if (bytes > 0)
            {
                try
                {
                    hash = await Xxh128Async(content, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    // An unreadable file: recorded without a fingerprint.
                }
            }
            return new RunFile(path, RunFileKind.File, bytes, hash, null, role);
        }
        if (!Directory.Exists(path)) return new RunFile(path, RunFileKind.Missing, 0, null, null, role);
        var listing = new XxHash128();
        long total = 0;
        int count = 0;
        var files = new List<string>();
        try
        {
            files.AddRange(Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Listed as far as it could be read.
        }
        files.Sort(StringComparer.Ordinal);
        foreach (string f in files)
        {
            ct.ThrowIfCancellationRequested();
            FileInfo info;
            try
            {
                info = new FileInfo(f);
                _ = info.Length;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            count++;
            total += info.Length;
            string line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{Path.GetRelativePath(path, f)}\t{info.Length}\t{info.LastWriteTimeUtc.Ticks}\n");
            listing.Append(Encoding.UTF8.GetBytes(line));
        }
        return new RunFile(path, RunFileKind.Folder, total, Convert.ToHexStringLower(listing.GetCurrentHash()), count, role);
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
