using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.IO.Config;

namespace GapLens.Cli.Commands;

/// <summary>
/// <c>gaplens gap_analysis &lt;action&gt; key=value ...</c>: the TAO-compatible form. A spec file
/// (-e) is read first, command-line overrides win; <c>--cfg=job</c> prints the resolved config.
/// </summary>
internal static class GapAnalysisCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var action = new Argument<string>("action")
        {
            Description = "The analysis to run: " + string.Join(", ", TaoActions.All.Select(a => a.Name)) + ".",
        };
        action.CompletionSources.Add(TaoActions.All.Select(a => a.Name).ToArray());
        var overrides = new Argument<string[]>("overrides")
        {
            Description = "Hydra-style key=value overrides (null means null; quote a value to keep it a string).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var spec = new Option<string?>("--experiment_spec_file", "-e")
        {
            Description = "YAML spec file read before the overrides.",
        };
        var cfg = new Option<string?>("--cfg")
        {
            Description = "'job' prints the resolved configuration as YAML and exits without running.",
        };
        var cmd = new Command("gap_analysis", Description())
        {
            action, overrides, spec, cfg,
        };
        cmd.SetAction((parse, _) =>
        {
            var h = host(parse);
            string actionName = parse.GetValue(action)!;
            var tao = TaoActions.Find(actionName);
            if (tao is null)
            {
                return Task.FromResult(h.UserError($"unknown gap_analysis action '{actionName}'; available: {string.Join(", ", TaoActions.All.Select(a => a.Name))}"));
            }
            List<KeyValuePair<string, ConfigScalar>> Values()
            {
                var values = new List<KeyValuePair<string, ConfigScalar>>();
                if (parse.GetValue(spec) is { } specPath) values.AddRange(YamlSpecFile.LoadFlat(Path.GetFullPath(specPath)));
                values.AddRange(ParseOverrides(parse.GetValue(overrides) ?? []));
                return values;
            }
            string? cfgMode = parse.GetValue(cfg);
            if (cfgMode is not null) return Task.FromResult(h.PrintConfig(() =>
            {
                if (cfgMode != "job") throw new UserInputException($"--cfg accepts only 'job', got '{cfgMode}'");
                return tao.Schema.Resolve(Values(), allowMissing: true).ToYaml();
            }));
            return tao.Run(h, () => tao.Schema.Resolve(Values()), ct);
        });
        return cmd;
    }

    /// <summary>Parses <c>key=value</c> tokens; a token without '=' is a user error.</summary>
    public static IEnumerable<KeyValuePair<string, ConfigScalar>> ParseOverrides(IEnumerable<string> tokens)
    {
        foreach (string token in tokens)
        {
            int eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UserInputException($"override '{token}' is not of the form key=value (e.g. results_dir=/tmp/out)");
            }
            yield return new(token[..eq].TrimStart('+'), ConfigScalar.FromOverride(token[(eq + 1)..], "command line"));
        }
    }

    private static string Description()
    {
        var lines = new List<string>
        {
            "TAO-compatible gap analysis (drop-in for `gap_analysis <action>` of TAO Data Services).",
            "",
            "Actions:",
        };
        foreach (var a in TaoActions.All)
        {
            lines.Add($"  {a.Name}: {a.Summary}");
            foreach (var k in a.Schema.Keys)
            {
                string req = k.Required ? "required" : $"default {(k.Default is string s ? (s.Length == 0 ? "\"\"" : s) : k.Default ?? "null")}";
                string range = k.Range is { } r ? $" Must be {r}." : "";
                lines.Add($"      {k.Name} ({req}): {k.Description}{range}");
            }
        }
        lines.Add("");
        lines.Add("Examples:");
        lines.Add("  gaplens gap_analysis vlm_bcq predictions_json=preds.json results_dir=out/");
        lines.Add("  gaplens gap_analysis vlm_bcq -e spec.yaml videos_dir=/data/videos");
        lines.Add("  gaplens gap_analysis vlm_bcq -e spec.yaml --cfg=job");
        lines.Add("  gaplens gap_analysis vcn_aoi inference_results_dir=kpi/ train_config=train.yaml results_dir=gaps/ min_recall=0.99");
        lines.Add("");
        lines.Add("The last line printed is 'Execution status: PASS' or 'Execution status: FAIL'.");
        lines.Add("Exit codes: 0 ok, 1 KPI unreachable, 2 input or usage error, 3 internal error, 130 cancelled.");
        return string.Join('\n', lines);
    }
}
