using System.Collections.Immutable;
using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.Slices;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens slices</c>: where a model fails beyond noise, over any per-sample results.</summary>
internal static class SlicesCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var results = new Option<string>("--results") { Description = "Per-sample results: samples.jsonl of any GapLens job (or its run folder), a videoqa results.jsonl, a vcn_aoi or vlm_bcq output folder (every sample read again from the input its run record names), or a .csv/.tsv/.jsonl/.json/.parquet table with an outcome column.", Required = true };
        var output = new Option<string?>("--out") { Description = "Report folder (default: slices/ beside the results file, or in the vcn_aoi / vlm_bcq output folder)." };
        var outcome = new Option<string?>("--outcome") { Description = "The outcome column (default: outcome): booleans or 0/1 with --failure-values, or correct / wrong / unanswered / parse_failed / judge_failed / skipped (pass / fail ... too)." };
        var features = List("--features", "Feature columns (repeat or comma-separate). Default: every column but the outcome, id-like ones and free text (sentences, file paths); for samples.jsonl its metadata.");
        var maxOrder = NumberOptions.Int("--max-order", "Predicates per slice at most.", 2, SlicesOptions.MaxOrderRange);
        var minSupport = NumberOptions.NullableInt("--min-support", "Samples per slice at least.", SlicesOptions.MinSupportRange);
        var alpha = NumberOptions.Double("--alpha", "False discovery rate of the Benjamini-Hochberg procedure (and level of the check against parent slices).", GapLens.Core.AnalysisDefaults.Alpha, SlicesOptions.AlphaRange);
        var top = NumberOptions.Int("--top", "Slices per ranking.", 20, SlicesOptions.TopRange);
        var bins = NumberOptions.Int("--bins", "Quantile bins of a numeric feature (pandas.qcut; numbers with at most 10 distinct values are sliced on each value).", SlicesOptions.DefaultBins, SlicesOptions.BinsRange);
        var lists = List("--list-features", "Text columns that hold lists (e.g. multi-label question types 'counting|ocr'); JSON arrays and Parquet lists are lists anyway.");
        var separator = new Option<string>("--list-separator") { Description = "Separator of --list-features.", DefaultValueFactory = _ => "|" };
        var failures = List("--failure-values", "Outcome values that are failures (the others count as success), e.g. --failure-values false.");
        var successes = List("--success-values", "Outcome values that are successes (the others are failures, each kind named by its value).");
        var cmd = new Command("slices", """
            Where does the model fail beyond noise, and which fix buys the most? Tests every slice
            (feature = value conjunctions of up to --max-order predicates with at least --min-support
            samples, exactly) against the rest: failure rate with its Wilson 95% interval, the
            difference with Newcombe's interval, Fisher's exact test for small counts or the
            two-proportion z test, and Benjamini-Hochberg q-values over every slice tested. Ranks the
            slices worse for sure (lower bound of the difference) and by expected gain; a child slice
            is shown only when it is significantly worse than each parent. Numeric features are cut
            into quantile bins (stated in the report); list features count a sample in each value.
            Writes slices.csv, slices.json, report.html, report.md, report.json and figures/

            Examples:
              gaplens slices --results out/vmeval/plots/samples.jsonl
              gaplens slices --results out/vcn_aoi        # misclassified at the run's threshold: false_reject / escape
              gaplens slices --results out/vlm_bcq        # yes/no disagreeing with the ground truth: false_positive / false_negative
              gaplens slices --results runs/qwen --features question_types,genre,duration_seconds
              gaplens slices --results evals.csv --outcome correct --failure-values false --features model,task,lighting
              gaplens slices --results evals.parquet --max-order 3 --min-support 50 --out slices/
            """)
        {
            results, output, outcome, features, maxOrder, minSupport, alpha, top, bins, lists, separator, failures, successes,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new SlicesJob(), "slices", () => new SlicesOptions(
            parse.GetValue(results)!, parse.GetValue(output), parse.GetValue(outcome), Split(parse.GetValue(features)),
            parse.GetValue(maxOrder), parse.GetValue(minSupport), parse.GetValue(alpha), parse.GetValue(top), parse.GetValue(bins),
            Split(parse.GetValue(lists)), parse.GetValue(separator)!, Split(parse.GetValue(failures)), Split(parse.GetValue(successes))), ct));
        return cmd;
    }

    private static Option<string[]> List(string name, string description) => new(name) { Description = description, AllowMultipleArgumentsPerToken = true };

    private static ImmutableArray<string> Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}
