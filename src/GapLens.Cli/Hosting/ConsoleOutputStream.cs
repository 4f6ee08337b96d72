using GapLens.IO.Files;

namespace GapLens.Cli.Hosting;

/// <summary>
/// Standard output or error as a stream that a failing console cannot crash. A closed pipe
/// (<c>gaplens ... | head -1</c>) is already silent: the runtime ignores SIGPIPE and drops what is
/// written to a pipe with no reader. Any other failure (stdout redirected to a full disk or
/// <c>/dev/full</c>) is kept in <see cref="Failure"/> and what follows is dropped, so the job still
/// finishes its outputs; the host then reports it and exits 2.
/// </summary>
internal sealed class ConsoleOutputStream(Stream inner) : Stream
{
    private string? _failure;

    /// <summary>Why writing failed (null while it works).</summary>
    public string? Failure => Volatile.Read(ref _failure);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure is not null) return;
        try
        {
            inner.Write(buffer);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.CompareExchange(ref _failure, WriteFailure.Reason(ex), null);
        }
    }

    public override void Flush()
    {
        if (Failure is not null) return;
        try
        {
            inner.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Interlocked.CompareExchange(ref _failure, WriteFailure.Reason(ex), null);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
