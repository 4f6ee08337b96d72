using System.Text;
using GapLens.Core.Mining.Bcq;
using GapLens.IO.Files;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// FP/FN cases written as final kpi_gaps.jsonl lines (video paths resolved) to a temporary file as
/// they are found, so a run holds no case in memory. <see cref="CopyTo"/> appends the lines to the
/// real output once the input is known to be valid; disposing deletes the file.
/// </summary>
internal sealed class JsonlSpill : IDisposable
{
    private readonly string _path = TempFiles.ScratchPath("cases", ".jsonl");
    private readonly Func<string, string> _resolveVideo;
    private readonly StringBuilder _line = new(512);
    private FileStream? _stream;
    private byte[] _bytes = new byte[2048];
    private int _fpExamples;
    private int _fnExamples;

    public JsonlSpill(Func<string, string> resolveVideo) => _resolveVideo = resolveVideo;

    public long Count { get; private set; }

    /// <summary>The first cases of each type (up to <see cref="VlmBcqJob.ExamplesPerType"/> each), in
    /// file order, for the report's galleries (kept here so nothing is parsed back).</summary>
    public List<BcqExample> Examples { get; } = [];

    public void Add(BcqCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        bool fp = c.ErrorType == BcqErrorType.FP;
        if ((fp ? _fpExamples : _fnExamples) < VlmBcqJob.ExamplesPerType)
        {
            if (fp) _fpExamples++;
            else _fnExamples++;
            Examples.Add(new BcqExample(fp ? "FP" : "FN", _resolveVideo(c.VideoId), BcqReportBuilder.QuestionText(c.Question), c.Response, c.GroundTruth));
        }
        _line.Clear();
        BcqArtifacts.AppendJsonlLine(_line, c, _resolveVideo(c.VideoId));
        _line.Append('\n');
        int max = TextEncodings.Utf8Strict.GetMaxByteCount(_line.Length);
        if (_bytes.Length < max) _bytes = new byte[max * 2];
        int n = 0;
        foreach (var chunk in _line.GetChunks()) n += TextEncodings.Utf8Strict.GetBytes(chunk.Span, _bytes.AsSpan(n));
        _stream ??= new FileStream(_path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        _stream.Write(_bytes, 0, n);
        Count++;
    }

    public void CopyTo(Stream output)
    {
        if (_stream is null) return;
        _stream.Flush();
        _stream.Position = 0;
        _stream.CopyTo(output, 1 << 20);
    }

    public void Dispose()
    {
        _stream?.Dispose(); // DeleteOnClose removes the file
        _stream = null;
    }
}
