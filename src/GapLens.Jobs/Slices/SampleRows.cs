using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using GapLens.Core.Results;
using GapLens.IO.Tables;

namespace GapLens.Jobs.Slices;

/// <summary>
/// Per-sample results pushed into a table sink exactly as the JSON Lines reader pushes the samples.jsonl
/// they are written to: the same columns in the same order (item_id, outcome, raw_output,
/// extracted_answer, extraction_method, expected, score, metadata.&lt;key&gt; in key order, diagnostics; a
/// key first seen in a later sample becomes a column there), the same cells (text, numbers, nulls,
/// lists; the outcome as its snake_case name), so a job's in-process slice search equals
/// <c>gaplens slices --results samples.jsonl</c> without parsing its own JSON again.
/// </summary>
internal static class SampleRows
{
    private static readonly ConcurrentDictionary<SampleOutcome, string> OutcomeNames = new();

    public static void Feed(IEnumerable<SampleResult> samples, ITableSink sink, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(sink);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        int Col(string name)
        {
            if (!columns.TryGetValue(name, out int c))
            {
                c = sink.Column(name);
                columns[name] = c;
            }
            return c;
        }
        void Text(string name, string? value)
        {
            int c = Col(name);
            if (c < 0) return;
            if (value is null) sink.Null(c);
            else sink.Text(c, value);
        }
        long line = 0;
        foreach (var s in samples)
        {
            if ((++line & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            sink.BeginRow(line);
            Text("item_id", s.ItemId);
            Text("outcome", OutcomeName(s.Outcome));
            Text("raw_output", s.RawOutput);
            Text("extracted_answer", s.ExtractedAnswer);
            Text("extraction_method", s.ExtractionMethod);
            Text("expected", s.Expected);
            int score = Col("score");
            if (score >= 0)
            {
                if (s.Score is { } v) sink.Number(score, v);
                else sink.Null(score);
            }
            foreach (var (key, value) in s.Metadata) Text("metadata." + key, value);
            int diagnostics = Col("diagnostics");
            if (diagnostics >= 0) sink.List(diagnostics, s.Diagnostics.IsDefault ? [] : s.Diagnostics);
            sink.EndRow();
        }
    }

    /// <summary>The outcome as samples.jsonl writes it ("judge_failed").</summary>
    public static string OutcomeName(SampleOutcome o) => OutcomeNames.GetOrAdd(o, x => JsonNamingPolicy.SnakeCaseLower.ConvertName(x.ToString()));
}
