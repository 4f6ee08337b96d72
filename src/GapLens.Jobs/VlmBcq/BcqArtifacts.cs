using System.Text;
using System.Text.Json;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Bcq;
using GapLens.IO.Documents;
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

    /// <summary>The error line of a run in which no sample was classified (no prediction, or every one
    /// skipped): the skip counts by reason, and where the summary is.</summary>
    public static string NothingClassified(BcqGroupStats overall, string summaryPath)
    {
        ArgumentNullException.ThrowIfNull(overall);
        if (overall.Samples == 0)
        {
            return $"Nothing classified: predictions_json holds no predictions (an empty array), so there are no gaps to find, which is not \"no gaps\"; see {summaryPath}";
        }
        var reasons = overall.Skipped.Where(s => s.Value > 0).Select(s => $"{SnakeCase(s.Key.ToString())}={Str(s.Value)}");
        return $"Nothing classified: none of the {Str(overall.Samples)} predictions has a single clear yes/no in both response and ground truth " +
            $"(skipped: {string.Join(", ", reasons)}), which is not \"no gaps\"; see {summaryPath}";
    }

    private static string Str(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>kpi_gaps_summary.json: confusion matrix, skips by reason, metrics with Wilson 95%
    /// intervals, the same per distinct question (most errors first). Provenance is in the run manifest.</summary>
    public static BcqSummaryDocument Summary(BcqSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var legend = new Dictionary<string, string>
        {
            ["positive_class"] = "yes (the model says the event happens)",
            ["FP"] = "model said yes, ground truth no",
            ["FN"] = "model said no, ground truth yes",
            ["precision"] = "TP / (TP + FP); higher is better; Wilson 95% interval",
            ["recall"] = "TP / (TP + FN); higher is better; Wilson 95% interval",
            ["specificity"] = "TN / (TN + FP); higher is better; Wilson 95% interval",
            ["accuracy"] = "(TP + TN) / classified; higher is better; Wilson 95% interval",
            ["f1"] = "2TP / (2TP + FP + FN); higher is better; no interval (not a proportion)",
            ["skipped"] = "samples whose response or ground truth has no single clear yes/no; excluded from every metric",
        };
        var perQuestion = summary.PerQuestion
            .OrderByDescending(q => q.Stats.Errors)
            .ThenBy(q => q.FirstIndex)
            .Select(q =>
            {
                using var doc = JsonDocument.Parse(PyJsonFormatter.Format(q.Question, strictJson: true));
                return Group(doc.RootElement.Clone(), q.FirstIndex, q.Stats);
            });
        return new BcqSummaryDocument(legend, Group(null, null, summary.Overall), [.. perQuestion]);
    }

    private static BcqGroupDocument Group(JsonElement? question, long? firstIndex, BcqGroupStats g)
    {
        var c = g.Confusion;
        var skipped = new Dictionary<string, long> { ["total"] = g.SkippedTotal };
        foreach (var (reason, n) in g.Skipped) skipped[SnakeCase(reason.ToString())] = n;
        var metrics = new Dictionary<string, MetricDocument>
        {
            ["precision"] = Metric(c.Precision()),
            ["recall"] = Metric(c.Recall()),
            ["specificity"] = Metric(c.Specificity()),
            ["f1"] = Metric(c.F1()),
            ["accuracy"] = Metric(c.Accuracy()),
        };
        return new BcqGroupDocument(question, firstIndex, g.Samples, c.Total, g.Errors, new ConfusionDocument(c.Tp, c.Fp, c.Tn, c.Fn), skipped, metrics);
    }

    private static MetricDocument Metric(MetricValue m) =>
        new(m.Value, m.UndefinedReason, m.Ci95 is { } ci ? [ci.Lower, ci.Upper] : null, m.Ci95?.Method);

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
