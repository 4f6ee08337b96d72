using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Bcq;
using GapLens.Reporting.Text;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// The vlm_bcq output formats. <c>kpi_gaps.jsonl</c> and <c>kpi_gaps_report.txt</c> are a contract
/// with TAO's downstream tools and are byte-identical to the original; <c>kpi_gaps_summary.json</c> is
/// GapLens' own addition.
/// </summary>
public static class BcqArtifacts
{
    public const string JsonlName = "kpi_gaps.jsonl";
    public const string ReportName = "kpi_gaps_report.txt";
    public const string SummaryName = "kpi_gaps_summary.json";

    /// <summary>Appends one kpi_gaps.jsonl line (without the newline), keys in TAO's order.</summary>
    public static void AppendJsonlLine(StringBuilder sb, BcqCase c, string resolvedVideoId)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(c);
        sb.Append("{\"video_id\": ");
        PyJsonFormatter.AppendString(sb, resolvedVideoId);
        sb.Append(", \"error_type\": ").Append(c.ErrorType == BcqErrorType.FP ? "\"FP\"" : "\"FN\"");
        sb.Append(", \"question\": ");
        PyJsonFormatter.Append(sb, c.Question);
        sb.Append(", \"ground_truth\": ");
        PyJsonFormatter.AppendString(sb, c.GroundTruth);
        sb.Append(", \"response\": ");
        PyJsonFormatter.AppendString(sb, c.Response);
        sb.Append('}');
    }

    /// <summary>kpi_gaps_report.txt: the title line and the FP/FN/Total grid.</summary>
    public static string Report(long fp, long fn) =>
        "KPI Gaps Report (binary ground truth: yes/no)\n" + TextTable.Render(
            ["Error Type", "Count", "Description"],
            [
                ["FP", Str(fp), "model said yes, ground truth no"],
                ["FN", Str(fn), "model said no, ground truth yes"],
                ["Total", Str(fp + fn), ""],
            ]);

    private static string Str(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>kpi_gaps_summary.json: confusion matrix, skips by reason, metrics with Wilson 95%
    /// intervals, the same per distinct question (most errors first). Provenance is in the run manifest.</summary>
    public static void WriteSummary(Stream stream, BcqSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("format", "gaplens.vlm_bcq.summary/1");

        w.WriteStartObject("legend");
        w.WriteString("positive_class", "yes (the model says the event happens)");
        w.WriteString("FP", "model said yes, ground truth no");
        w.WriteString("FN", "model said no, ground truth yes");
        w.WriteString("precision", "TP / (TP + FP); higher is better; Wilson 95% interval");
        w.WriteString("recall", "TP / (TP + FN); higher is better; Wilson 95% interval");
        w.WriteString("specificity", "TN / (TN + FP); higher is better; Wilson 95% interval");
        w.WriteString("accuracy", "(TP + TN) / classified; higher is better; Wilson 95% interval");
        w.WriteString("f1", "2TP / (2TP + FP + FN); higher is better; no interval (not a proportion)");
        w.WriteString("skipped", "samples whose response or ground truth has no single clear yes/no; excluded from every metric");
        w.WriteEndObject();

        WriteGroup(w, summary.Overall);
        w.WriteStartArray("per_question");
        var ordered = summary.PerQuestion
            .OrderByDescending(q => q.Stats.Errors)
            .ThenBy(q => q.FirstIndex);
        foreach (var q in ordered)
        {
            w.WriteStartObject();
            w.WritePropertyName("question");
            w.WriteRawValue(PyJsonFormatter.Format(q.Question, strictJson: true));
            w.WriteNumber("first_index", q.FirstIndex);
            WriteGroup(w, q.Stats);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter w, BcqGroupStats g)
    {
        var c = g.Confusion;
        w.WriteNumber("samples", g.Samples);
        w.WriteNumber("classified", c.Total);
        w.WriteNumber("errors", g.Errors);
        w.WriteStartObject("confusion_matrix");
        w.WriteNumber("tp", c.Tp);
        w.WriteNumber("fp", c.Fp);
        w.WriteNumber("tn", c.Tn);
        w.WriteNumber("fn", c.Fn);
        w.WriteEndObject();
        w.WriteStartObject("skipped");
        w.WriteNumber("total", g.SkippedTotal);
        foreach (var (reason, n) in g.Skipped) w.WriteNumber(SnakeCase(reason.ToString()), n);
        w.WriteEndObject();
        w.WriteStartObject("metrics");
        WriteMetric(w, "precision", c.Precision());
        WriteMetric(w, "recall", c.Recall());
        WriteMetric(w, "specificity", c.Specificity());
        WriteMetric(w, "f1", c.F1());
        WriteMetric(w, "accuracy", c.Accuracy());
        w.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter w, string name, MetricValue m)
    {
        w.WriteStartObject(name);
        if (m.Value is { } v) w.WriteNumber("value", v);
        else w.WriteNull("value");
        if (m.UndefinedReason is { } reason) w.WriteString("reason", reason);
        if (m.Ci95 is { } ci)
        {
            w.WriteStartArray("ci95");
            w.WriteNumberValue(ci.Lower);
            w.WriteNumberValue(ci.Upper);
            w.WriteEndArray();
            w.WriteString("ci_method", ci.Method);
        }
        w.WriteEndObject();
    }

    internal static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
