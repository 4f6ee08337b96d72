using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Jobs.Scoring;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens analyze stats</c>: judge vs human agreement on VMEvalKit score folders.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var judge = new Option<string>("--judge") { Description = "Judge score folder (e.g. data/evaluations/pixel-eval).", Required = true };
        var human = new Option<string>("--human") { Description = "Human score folder (e.g. data/evaluations/human-eval).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder for stats.json, stats.md, scatter.png/.svg.", Required = true };
        var passAt = NumberOptions.Double("--pass-at", "A score at or above this passes.", AnalysisDefaults.PassAtOrAbove, AnalysisDefaults.PassAtRange);
        var margin = NumberOptions.Double("--margin", "Equivalence margin for TOST on the mean difference.", AnalysisDefaults.EquivalenceMargin, AnalysisDefaults.EquivalenceMarginRange);
        var resamples = NumberOptions.Int("--resamples", "Bootstrap resamples.", AnalysisDefaults.Resamples, AnalysisDefaults.ResamplesRange);
        var seed = NumberOptions.Seed("--seed", "Bootstrap and learning-curve seed.", AnalysisDefaults.Seed);
        var stats = new Command("stats", """
            Judge vs human agreement on per-item 1-5 scores (VMEvalKit's analysis/stats.py, done right):
            pairing by (experiment, model, task_type, task_id) with unpaired/skipped/failed counts; per-rater
            descriptives; paired t, Wilcoxon; Pearson, Spearman, Kendall tau-b; Cohen's kappa (unweighted,
            linear, quadratic) and Krippendorff's alpha; pass/fail agreement; a seeded bootstrap of the mean
            difference (percentile and BCa); TOST equivalence; per task type; the scatter plot.

            Examples:
              gaplens analyze stats --judge data/evaluations/pixel-eval --human data/evaluations/human-eval --out stats/
            """)
        {
            judge, human, output, passAt, margin, resamples, seed,
        };
        stats.SetAction((parse, _) => host(parse).RunAsync(new AnalyzeStatsJob(), "analyze stats", () => new AnalyzeStatsOptions(
            parse.GetValue(judge)!, parse.GetValue(human)!, parse.GetValue(output)!, parse.GetValue(passAt), parse.GetValue(margin),
            parse.GetValue(resamples), parse.GetValue(seed)), ct));
        var evalFolder = new Option<string>("--eval-folder") { Description = "One evaluator's score folder (e.g. data/evaluations/vision-eval).", Required = true };
        var plotOut = new Option<string>("--out") { Description = "Output folder for the charts (PNG, SVG), tables (CSV), report.html and the index.html front page.", Required = true };
        var plotPass = NumberOptions.Double("--pass-at", "A score at or above this is a success.", AnalysisDefaults.PassAtOrAbove, AnalysisDefaults.PassAtRange);
        var plotOutputs = new Option<string?>("--outputs") { Description = "VMEvalKit's outputs folder (data/outputs): the gallery then shows each item's first frame, expected final frame and the video's last frame." };
        var plot = new Command("plot", """
            VMEvalKit's analysis/plot.py for any models and domains: model ranking (success rate with
            Wilson 95% CI, mean score), domain difficulty (macro average of per-model rates), the model x
            domain heatmap and the score distribution per model. Skipped and failed items are counted apart,
            never as zeros. A gallery per model and task type, worst items first, with filters (frames
            when --outputs is given). PNG + SVG per chart, CSV per table, one self-contained report.html,
            and index.html, the run's front page.

            Examples:
              gaplens analyze plot --eval-folder data/evaluations/vision-eval --out plots/
              gaplens analyze plot --eval-folder data/evaluations/vision-eval --outputs data/outputs --out plots/
            """)
        {
            evalFolder, plotOut, plotPass, plotOutputs,
        };
        plot.SetAction((parse, _) => host(parse).RunAsync(new AnalyzePlotJob(), "analyze plot",
            () => new AnalyzePlotOptions(parse.GetValue(evalFolder)!, parse.GetValue(plotOut)!, parse.GetValue(plotPass), parse.GetValue(plotOutputs)), ct));
        return new Command("analyze", "Analyse scores of generated videos: plot (rankings, charts) and stats (judge vs human).") { plot, stats };
    }
}
