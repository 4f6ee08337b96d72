using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.VcnAoi;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens aoi --inference-dir D --train-config Y --out O</c>: vcn_aoi with ordinary flags.</summary>
internal static class AoiCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var flags = new SchemaOptions(AoiOptions.Schema);
        var cmd = new Command("aoi", """
            Pick a Visual ChangeNet classifier's operating threshold and weakest samples (as `gap_analysis vcn_aoi`).

            Reads <inference-dir>/inference.csv (input_path, object_name, label, siamese_score; a
            higher score means defect) and the train YAML (lightings, image extension). With no
            --threshold it sweeps every score for the best F1 that keeps NO_PASS recall >= --min-recall.
            Writes kpi_gaps.parquet, weak_samples_breakdown.txt, metrics.json and, when the
            threshold was swept, threshold.txt (TAO formats); when no threshold reaches the
            recall target it writes unreachable_kpi.txt and exits with 1.

            Examples:
              gaplens aoi --inference-dir runs/kpi --train-config train.yaml --out gaps/
              gaplens aoi --inference-dir runs/kpi --train-config train.yaml --out gaps/ --min-recall 0.99 --top-k null
            """);
        foreach (var o in flags.Options) cmd.Options.Add(o);
        cmd.SetAction((parse, _) => host(parse).RunAsync(new VcnAoiJob(), "aoi",
            () => AoiOptions.From(AoiOptions.Schema.Resolve(flags.Values(parse))), ct));
        return cmd;
    }
}
