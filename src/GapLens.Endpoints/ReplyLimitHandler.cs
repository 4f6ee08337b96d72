using GapLens.Core.Text;
using System.Buffers;
using System.Globalization;

namespace GapLens.Endpoints;

/// <summary>
/// The innermost handler, under the retries, run once per attempt: reads each reply into memory with a
/// size limit (a larger 2xx reply fails without being read further) and checks that a 2xx body is a
/// reply of the kind the path asks for (<see cref="ReplyShape"/>); otherwise the call fails with a
/// <see cref="MalformedReplyException"/> that keeps the start of the body. A connection that breaks in
/// the middle of a body becomes an <see cref="HttpRequestException"/>, which the retries handle. Error
/// bodies (4xx/5xx) are kept, up to 64 KiB, for the message. Streaming replies (text/event-stream)
/// pass through unread.
/// </summary>
internal sealed class ReplyLimitHandler(long maxReplyBytes) : DelegatingHandler
{
    private const int ErrorBodyLimit = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptCounter.Increment(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream") return response;
            bool success = response.IsSuccessStatusCode;
            long limit = success ? maxReplyBytes : ErrorBodyLimit;
            string? contentType = response.Content.Headers.ContentType?.ToString();
            if (success && response.Content.Headers.ContentLength is long declared && declared > limit)
            {
                throw new MalformedReplyException(
                    string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {UrlRedaction.Redact(request.RequestUri)}: the reply declares {declared} bytes, more than the limit of {limit} (--max-reply-bytes); not read"),
                    UrlRedaction.Redact(request.RequestUri), (int)response.StatusCode, AttemptCounter.Read(request), "", 0, bodyComplete: false);
            }
            var (body, length, complete) = await ReadLimitedAsync(response.Content, limit, success, cancellationToken).ConfigureAwait(false);
            if (success && !complete)
            {
                throw new MalformedReplyException(
                    string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {UrlRedaction.Redact(request.RequestUri)}: the reply is larger than the limit of {limit} bytes (--max-reply-bytes); not read further"),
                    UrlRedaction.Redact(request.RequestUri), (int)response.StatusCode, AttemptCounter.Read(request), ReplyShape.RawText(body.AsSpan(0, length), MalformedReplyException.RawBodyLimit), length, bodyComplete: false);
            }
            if (success && ReplyShape.Problem(request.RequestUri?.AbsolutePath ?? "", body.AsMemory(0, length), contentType) is { } problem)
            {
                throw new MalformedReplyException(
                    string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} from {UrlRedaction.Redact(request.RequestUri)} is not a reply: {problem} ({length} bytes)"),
                    UrlRedaction.Redact(request.RequestUri), (int)response.StatusCode, AttemptCounter.Read(request), ReplyShape.RawText(body.AsSpan(0, length), MalformedReplyException.RawBodyLimit), length, bodyComplete: true);
            }
            var content = new ByteArrayContent(body, 0, length);
            foreach (var header in response.Content.Headers)
            {
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            response.Content.Dispose();
            response.Content = content;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; <c>complete</c> is false when there was more.
    /// A broken connection is an <see cref="HttpRequestException"/> for a 2xx (retried) and simply ends an
    /// error body (its status decides).</summary>
    private static async Task<(byte[] Body, int Length, bool Complete)> ReadLimitedAsync(HttpContent content, long limit, bool success, CancellationToken ct)
    {
        long expected = content.Headers.ContentLength ?? 2048;
        var buffer = new MemoryStream((int)Math.Clamp(expected, 0, Math.Min(limit, 1 << 20)));
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    int n = await stream.ReadAsync(chunk, ct).ConfigureAwait(false);
                    if (n == 0) return (buffer.GetBuffer(), (int)buffer.Length, true);
                    if (buffer.Length + n > limit)
                    {
                        buffer.Write(chunk, 0, (int)(limit - buffer.Length));
                        return (buffer.GetBuffer(), (int)buffer.Length, false);
                    }
                    buffer.Write(chunk, 0, n);
                }
            }
        }
        catch (IOException ex) when (!ct.IsCancellationRequested)
        {
            if (!success) return (buffer.GetBuffer(), (int)buffer.Length, true);
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "the connection broke in the middle of the reply", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
