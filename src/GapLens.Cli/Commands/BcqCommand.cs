using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.VlmBcq;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens bcq --predictions F --out DIR</c>: vlm_bcq with ordinary flags.</summary>
internal static class BcqCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var flags = new SchemaOptions(BcqOptions.Schema);
        var cmd = new Command("bcq", """
            Find the false positives and false negatives of a yes/no VLM (same job as `gap_analysis vlm_bcq`).

            Reads a JSON array of {"video_id", "response", "gt"[, "question"]} objects. A text answers
            yes (or no) when the word occurs as a whole word and the other does not; anything else is
            skipped with a warning. Writes, only when there are gaps:
              kpi_gaps.jsonl         one FP/FN case per line (TAO format, byte-compatible)
              kpi_gaps_report.txt    the FP/FN/Total table (TAO format)
              kpi_gaps_summary.json  confusion matrix, skips by reason, precision/recall/F1/accuracy
                                     with Wilson 95% intervals, overall and per question
            When no prediction could be classified (the file is [], or none has a clear yes/no in
            both response and ground truth), that is not "no gaps": it writes kpi_gaps_summary.json
            only, says why (skips by reason) and exits with 1.

            Examples:
              gaplens bcq --predictions preds.json --out gaps/
              gaplens bcq --predictions preds.json --out gaps/ --videos-dir /data/videos
            """);
        foreach (var o in flags.Options) cmd.Options.Add(o);
        cmd.SetAction((parse, _) => host(parse).RunAsync(new VlmBcqJob(), "bcq",
            () => BcqOptions.From(BcqOptions.Schema.Resolve(flags.Values(parse))), ct));
        return cmd;
    }
}
