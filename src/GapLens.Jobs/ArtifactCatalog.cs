using System.Collections.Frozen;

namespace GapLens.Jobs;

/// <summary>
/// One line on what each output file of a run is, for the run's front page (<see cref="RunIndex"/>).
/// Every job's owned names are described here, in one place (a test checks that none is missing);
/// names no job owns fall back to a line by folder or extension.
/// </summary>
public static class ArtifactCatalog
{
    private static readonly FrozenDictionary<string, string> ByName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Run-level
        ["gaplens_run.json"] = "Run record: tool version, command line, options, inputs and outputs with their hashes, seed, judge, outcome (written last).",
        ["index.html"] = "This page.",
        ["demo_summary.txt"] = "What each demo job found and where its files are (plain text).",
        // Reports (the model, rendered)
        ["report.html"] = "The report: verdict, tables, charts and examples in one self-contained page (open this first).",
        ["report.md"] = "The same report as Markdown (charts linked as PNG files).",
        ["report.json"] = "The report model as JSON: every number shown on the pages, with its format, interval and direction.",
        // gap_analysis vlm_bcq (TAO's files, byte-identical)
        ["kpi_gaps.jsonl"] = "TAO's cases: every false positive and false negative, one JSON object per line.",
        ["kpi_gaps_report.txt"] = "TAO's text summary: the numbers of false positives and false negatives.",
        ["kpi_gaps_summary.json"] = "Confusion matrix, per-question precision, recall and F1, and the skip reasons (JSON).",
        // gap_analysis vcn_aoi (TAO's files plus the RCA report)
        ["kpi_gaps.parquet"] = "TAO's gap table: the weak samples (misclassified or near the threshold), one row each.",
        ["threshold.txt"] = "TAO's chosen threshold: the score above which a part is called defective.",
        ["weak_samples_breakdown.txt"] = "TAO's breakdown of the weak samples by label.",
        ["metrics.json"] = "Precision, recall, F1 and the confusion counts at the chosen threshold (JSON).",
        ["unreachable_kpi.txt"] = "Why the requested recall/precision target cannot be reached (written only then).",
        ["RCA_Report.md"] = "TAO's root-cause-analysis report (Markdown).",
        ["rca_images/"] = "Thumbnails of the weak samples shown in the report.",
        // analyze plot
        ["samples.jsonl"] = "Per-item results: outcome, extracted and expected answer, score and details (the judge's explanation, a question's metrics), one JSON object per line.",
        ["model_ranking.csv"] = "Model ranking table: scored, skipped, failed, success rate with its Wilson 95% interval, mean score (CSV).",
        ["model_ranking.png"] = "Chart: success rate per model with Wilson 95% intervals (PNG).",
        ["model_ranking.svg"] = "Chart: success rate per model with Wilson 95% intervals (SVG, vector).",
        ["domain_difficulty.csv"] = "Domain difficulty table, hardest first: macro success rate over models (CSV).",
        ["domain_difficulty.png"] = "Chart: macro success rate per domain, hardest first (PNG).",
        ["domain_difficulty.svg"] = "Chart: macro success rate per domain, hardest first (SVG, vector).",
        ["model_domain.csv"] = "Success rate per model and domain, with counts (CSV).",
        ["model_domain_heatmap.png"] = "Chart: model x domain success-rate heatmap (PNG).",
        ["model_domain_heatmap.svg"] = "Chart: model x domain success-rate heatmap (SVG, vector).",
        ["score_distribution.csv"] = "Counts of each 1-5 score per model (CSV).",
        ["score_distribution.png"] = "Chart: share of each 1-5 score per model (PNG).",
        ["score_distribution.svg"] = "Chart: share of each 1-5 score per model (SVG, vector).",
        ["where_it_fails.png"] = "Chart: failure rate of the worst slices (Where it fails) against the rest, Wilson 95% intervals (PNG).",
        ["where_it_fails.svg"] = "Chart: failure rate of the worst slices (Where it fails) against the rest (SVG, vector).",
        ["where_it_fails.csv"] = "Where it fails: the top slices with size, failure rate, difference to the rest, q and driver (CSV); slices.csv has every ranking.",
        ["gallery/"] = "Thumbnails of the gallery items: the first frame, the expected final frame and the video's last frame (PNG).",
        // analyze stats
        ["stats.html"] = "The judge-vs-human report: agreement, tests, confusion matrix and plots in one self-contained page (open this first).",
        ["stats.md"] = "The same judge-vs-human report as Markdown.",
        ["stats.json"] = "Every judge-vs-human statistic for machines (undefined values are null with the reason).",
        ["scatter.png"] = "Chart: judge against human scores, jittered, with y = x and the least-squares fit (PNG).",
        ["scatter.svg"] = "Chart: judge against human scores (SVG, vector).",
        ["confusion.png"] = "Chart: 5x5 confusion matrix of judge against human scores (PNG).",
        ["confusion.svg"] = "Chart: 5x5 confusion matrix of judge against human scores (SVG, vector).",
        ["model_comparisons.csv"] = "Pairwise model comparisons: McNemar and paired bootstrap, Benjamini-Hochberg adjusted (CSV).",
        ["report_images/"] = "Thumbnails (last video frame) of the FP and FN examples shown in the report.",
        // videoqa metrics
        ["figures/"] = "The report's charts, each as PNG and SVG.",
        ["thumbs/"] = "Thumbnails shown in the report's examples.",
        ["tables/"] = "The report's tables, each as CSV (full precision).",
        ["per_question.csv"] = "Per-question precision, recall and F1 with Wilson 95% intervals (CSV).",
        // slices
        ["slices.csv"] = "Every ranking of failure slices, one row per slice: size, failure rate against the rest with intervals, gain, p and q (CSV, full precision).",
        ["slices.json"] = "The slice search and every ranking with every number of each slice: predicates, rates, intervals, tests, parents (JSON).",
        // perception score / attention / confidence
        ["scores.json"] = "Perception Test scoring: top-1 with the starter kit's checks, per area, reasoning type, tag, task (Wilson 95%) and option position (JSON).",
        ["comparison.json"] = "The two answer files compared: McNemar per area and task with Benjamini-Hochberg q, and the flipped questions (JSON).",
        ["attention.json"] = "Attention against the annotated boxes: every metric beside a uniform map per question, slice and task, the link with correctness, the IoU sweep (JSON).",
        ["confidence.json"] = "Confidence against correctness per signal (AUROC, ECE, risk-coverage) and the meta-model's accuracy per task without labels (JSON).",
        ["overlays/"] = "The strongest and weakest question of each task: the frame with the attention map and the boxes drawn (PNG).",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Whether a name has a line of its own (not a fallback).</summary>
    public static bool Knows(string relative) => ByName.ContainsKey(relative);

    /// <summary>One line on what the file (or folder, ending in '/') is.</summary>
    public static string Describe(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (ByName.TryGetValue(relative, out var line)) return line;
        int slash = relative.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && ByName.TryGetValue(relative[..(slash + 1)], out var folder)) return folder;
        return Path.GetExtension(relative).ToLowerInvariant() switch
        {
            ".html" => "A page of this run (self-contained).",
            ".md" => "A Markdown page of this run.",
            ".csv" => "A table of this run (CSV, full precision).",
            ".json" or ".jsonl" => "Data of this run (JSON).",
            ".png" or ".jpg" or ".jpeg" => "An image of this run.",
            ".svg" => "A chart of this run (SVG, vector).",
            ".txt" => "A text file of this run.",
            _ => "A file of this run.",
        };
    }
}
