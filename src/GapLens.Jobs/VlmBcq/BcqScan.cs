using System.Runtime.CompilerServices;
using GapLens.Core.Mining.Bcq;
using GapLens.IO.Json;
using GapLens.IO.Logging;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// Reads a predictions file into a <see cref="BcqGapMiner"/>, on two cores when the file is large:
/// the second half starts at a guessed item boundary near the middle and the first half confirms it
/// by reaching an item that starts at exactly that byte. If the guess fell inside an item the first
/// half simply reads on to the end and the second half's work is dropped, so the result is always
/// that of one sequential read. Problems are reported as one read would: the first syntax error in
/// file order, else the first validation problem, with the item index counted from the file's start.
/// </summary>
internal static class BcqScan
{
    /// <summary>Below this size one reader is as fast as two (thread start-up, split search).</summary>
    internal const long MinSplitBytes = 16L << 20;

    private const int SplitSearchWindow = 1 << 20;

    /// <summary>The counts, and the evidence in file order: skip warnings (replay them) and the
    /// kpi_gaps.jsonl lines of the cases (copy them). Dispose to delete the temporary files.</summary>
    public sealed record Result(BcqGapMiner Miner, IReadOnlyList<DeferredLog> Warnings, IReadOnlyList<JsonlSpill> Cases, long Length) : IDisposable
    {
        public void Dispose()
        {
            foreach (var w in Warnings) w.Dispose();
            foreach (var c in Cases) c.Dispose();
        }
    }

    /// <param name="path">The predictions file.</param>
    /// <param name="progress">Where bytes read are reported (null: nowhere).</param>
    /// <param name="resolveVideo">Maps a video_id to the path written in kpi_gaps.jsonl; called from
    /// both readers at once, so it must be thread-safe.</param>
    /// <param name="minSplitBytes">Files smaller than this are read by one reader.</param>
    /// <param name="ct">Cancellation.</param>
    public static Result Run(string path, IJobProgress? progress, Func<string, string> resolveVideo, long minSplitBytes, CancellationToken ct)
    {
        long length;
        using (var probe = new PredictionsJsonReader(path)) length = probe.Length; // user errors for missing files come from here
        long split = length >= minSplitBytes && Environment.ProcessorCount > 1 ? FindSplitCandidate(path, length / 2) : -1;
        var read = new long[2];
        void Report() => progress?.Report(Volatile.Read(ref read[0]) + Volatile.Read(ref read[1]), length);

        if (split < 0)
        {
            var only = ReadPart(path, ReadRange.Whole, resolveVideo, ct, p => { read[0] = p; Report(); });
            return Finish(only, null, length);
        }

        using var cancelSecond = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var secondTask = Task.Run(() => ReadPart(path, ReadRange.Continuation(split), resolveVideo, cancelSecond.Token,
            p => Volatile.Write(ref read[1], p - split)), cancelSecond.Token);
        Part first;
        try
        {
            first = ReadPart(path, ReadRange.FirstPart(split), resolveVideo, ct, p => { Volatile.Write(ref read[0], p); Report(); });
        }
        catch
        {
            Abandon(secondTask, cancelSecond);
            throw;
        }
        if (!first.StoppedAtSplit)
        {
            Abandon(secondTask, cancelSecond); // the guess was inside an item; the first part read everything
            return Finish(first, null, length);
        }
        Part second;
        try
        {
            second = secondTask.GetAwaiter().GetResult();
        }
        catch
        {
            first.Dispose();
            throw;
        }
        return Finish(first, second, length);
    }

    private static Result Finish(Part first, Part? second, long length)
    {
        if (first.Problem is not null || second?.Problem is not null)
        {
            first.Dispose();
            second?.Dispose();
            throw first.Problem?.ToException(0) ?? second!.Problem!.ToException(first.Items);
        }
        if (second is null) return new Result(first.Miner, [first.Warnings], [first.Cases], length);
        first.Miner.Append(second.Miner, first.Items);
        return new Result(first.Miner, [first.Warnings, second.Warnings], [first.Cases, second.Cases], length);
    }

    private static void Abandon(Task<Part> task, CancellationTokenSource cancel)
    {
        cancel.Cancel();
        try
        {
            task.GetAwaiter().GetResult().Dispose();
        }
        catch (Exception ex) when (ex is OperationCanceledException or GapLens.Core.UserInputException)
        {
            // The second part is meaningless when the split was wrong or the first part failed.
        }
    }

    private sealed record Part(BcqGapMiner Miner, DeferredLog Warnings, JsonlSpill Cases, long Items, ValidationProblem? Problem, bool StoppedAtSplit) : IDisposable
    {
        public void Dispose()
        {
            Warnings.Dispose();
            Cases.Dispose();
        }
    }

    private static Part ReadPart(string path, ReadRange range, Func<string, string> resolveVideo, CancellationToken ct, Action<long> progress)
    {
        using var reader = new PredictionsJsonReader(path, range);
        var miner = new BcqGapMiner();
        var warnings = new DeferredLog();
        var cases = new JsonlSpill(resolveVideo);
        try
        {
            long n = 0;
            while (reader.MoveNext())
            {
                var view = reader.Current;
                var evidence = miner.Add(ref view);
                if (evidence.Case is { } gap) cases.Add(gap);
                else if (evidence.Skip is { } skip) warnings.Add(LogLevel.Warning, skip.Message);
                if ((++n & 0x3FFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress(reader.Position);
                }
            }
            progress(reader.Position);
            return new Part(miner, warnings, cases, reader.ItemCount, reader.Problem, reader.StoppedAtSplit);
        }
        catch
        {
            warnings.Dispose();
            cases.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A byte near <paramref name="from"/> where an item probably starts: the '{' of the first
    /// "}" "," "{" sequence (whitespace allowed between). Only a guess: it is confirmed by the first
    /// part's reader. -1 when none is found in the search window.
    /// </summary>
    internal static long FindSplitCandidate(string path, long from)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        fs.Position = from;
        var buf = new byte[SplitSearchWindow];
        int n = fs.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false);
        var span = buf.AsSpan(0, n);
        for (int i = span.IndexOf((byte)'}'); i >= 0 && i < n; )
        {
            int j = i + 1;
            while (j < n && IsSpace(span[j])) j++;
            if (j < n && span[j] == (byte)',')
            {
                j++;
                while (j < n && IsSpace(span[j])) j++;
                if (j < n && span[j] == (byte)'{') return from + j;
            }
            int next = span[(i + 1)..].IndexOf((byte)'}');
            i = next < 0 ? -1 : i + 1 + next;
        }
        return -1;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}
