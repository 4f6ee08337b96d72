using System.Globalization;
using System.Net;
using System.Text;
using GapLens.IO.Files;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Plots;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// VMEvalKit's analysis/plot.py for one evaluator folder, without its flaws (skipped and failed items
/// counted apart, never as zeros; any models and domains): every chart as PNG and SVG, every table as
/// CSV, and one self-contained index.html that shows them all.
/// </summary>
public sealed class AnalyzePlotJob : IJob<AnalyzePlotOptions>
{
    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs =
    [
        "index.html", "model_ranking.csv", "domain_difficulty.csv", "model_domain.csv", "score_distribution.csv",
        .. new[] { "model_ranking", "domain_difficulty", "model_domain_heatmap", "score_distribution" }.SelectMany(n => new[] { n + ".png", n + ".svg" }),
    ];

    public string Name => "analyze plot";

    public async Task<JobOutcome> RunAsync(AnalyzePlotOptions o, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(ctx);
        string folder = ctx.Absolute(o.EvalFolder);
        ctx.Record.AddInput(folder, "eval_folder");
        var (records, bad) = ScoreFiles.ReadAll(folder);
        ct.ThrowIfCancellationRequested();
        foreach (var (_, why) in bad) ctx.Log.Warning($"Unreadable score file, counted apart: {why}");
        if (records.Count == 0) throw new GapLens.Core.UserInputException($"no score files under {folder}");
        var summary = ScoreSummary.Of(Path.GetFileName(folder.TrimEnd('/')), records, o.PassAtOrAbove);
        var charts = ScorePlots.Render(summary);
        ct.ThrowIfCancellationRequested();
        string outDir = ctx.Absolute(o.OutDir);
        var ic = CultureInfo.InvariantCulture;
        string F(double? v, string fmt = "F4") => v is { } x ? x.ToString(fmt, ic) : "";
        var csv = new Dictionary<string, string>
        {
            ["model_ranking.csv"] = Csv(["model", "scored", "skipped", "failed", "successes", "success_rate", "ci95_lower", "ci95_upper", "mean_score"],
                summary.Ranking.Select(r => new[] { r.Model, I(r.Scored), I(r.Skipped), I(r.Failed), I(r.Successes), F(r.SuccessRate), F(r.SuccessCi95?.Lower), F(r.SuccessCi95?.Upper), F(r.MeanScore) })),
            ["domain_difficulty.csv"] = Csv(["domain", "models", "scored", "macro_success_rate"],
                summary.Domains.Select(d => new[] { d.Domain, I(d.Models), I(d.Scored), F(d.MacroSuccessRate) })),
            ["model_domain.csv"] = Csv(["model", "domain", "scored", "successes", "success_rate"],
                summary.Cells.Select(c => new[] { c.Model, c.Domain, I(c.Scored), I(c.Successes), F(c.SuccessRate) })),
            ["score_distribution.csv"] = Csv(["model", "score_1", "score_2", "score_3", "score_4", "score_5"],
                summary.Distribution.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new[] { k.Key }.Concat(k.Value.Select(I)).ToArray())),
        };
        var best = summary.Ranking.FirstOrDefault();
        string headline = best is null ? "no scored items" : string.Create(ic,
            $"{summary.Ranking.Length} models, {summary.Domains.Length} domains; best {best.Model}: {F(best.SuccessRate * 100, "F1")}% success [{F(best.SuccessCi95?.Lower * 100, "F1")}, {F(best.SuccessCi95?.Upper * 100, "F1")}]");
        var outcome = JobOutcome.Ok([Path.Combine(outDir, "index.html"), .. charts.Select(c => Path.Combine(outDir, c.Name + ".png")), .. csv.Keys.Select(k => Path.Combine(outDir, k))], headline);
        using (var outputs = OutputSet.Open(outDir, "out", Outputs, ctx.Record.InputPaths))
        {
            foreach (var (name, _, svg, png) in charts)
            {
                outputs.StageBytes(name + ".png", png);
                outputs.StageText(name + ".svg", svg);
            }
            foreach (var (name, text) in csv) outputs.StageText(name, text);
            outputs.StageText("index.html", Html(summary, charts, bad.Count));
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        }
        ctx.Log.Info(headline);
        return outcome;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        static string Q(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Q))).Append('\n');
        foreach (var r in rows) sb.Append(string.Join(',', r.Select(Q))).Append('\n');
        return sb.ToString();
    }

    private static string Html(ScoreSummary s, IReadOnlyList<(string Name, string Title, string Svg, byte[] Png)> charts, int badFiles)
    {
        var ic = CultureInfo.InvariantCulture;
        static string E(string t) => WebUtility.HtmlEncode(t);
        string P(double? v) => v is { } x ? (x * 100).ToString("F1", ic) + "%" : "n/a";
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Video model scores</title><style>");
        sb.Append("body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:0;background:#f6f7f9;color:#1d2330}main{max-width:1100px;margin:0 auto;padding:24px}");
        sb.Append("table{border-collapse:collapse;background:#fff;font-size:14px;margin:8px 0 18px}th,td{border:1px solid #d9dde5;padding:4px 9px;text-align:left}th{background:#eef1f6}");
        sb.Append(".chart{background:#fff;border:1px solid #d9dde5;border-radius:6px;padding:6px;margin:12px 0}.chart svg{display:block;margin:0 auto;max-width:100%;height:auto}.legend{color:#5b6475;font-size:13px}</style></head><body><main>");
        sb.Append(ic, $"<h1>Video model scores: {E(s.Evaluator)}</h1><p class=\"legend\">Success = score &ge; {s.PassAtOrAbove}. Skipped and failed items are not scores: they are counted in their own columns and left out of every rate. Intervals: Wilson 95%. {badFiles} unreadable score file(s).</p>");
        sb.Append("<h2>Model ranking</h2><table><tr><th>model</th><th>scored</th><th>skipped</th><th>failed</th><th>success rate (95% CI)</th><th>mean score</th></tr>");
        foreach (var r in s.Ranking)
        {
            sb.Append(ic, $"<tr><td>{E(r.Model)}</td><td>{r.Scored}</td><td>{r.Skipped}</td><td>{r.Failed}</td><td>{P(r.SuccessRate)} [{P(r.SuccessCi95?.Lower)}, {P(r.SuccessCi95?.Upper)}]</td><td>{r.MeanScore?.ToString("F2", ic) ?? "n/a"}</td></tr>");
        }
        sb.Append("</table><h2>Domain difficulty</h2><table><tr><th>domain</th><th>models</th><th>scored</th><th>macro success rate</th></tr>");
        foreach (var d in s.Domains) sb.Append(ic, $"<tr><td>{E(d.Domain)}</td><td>{d.Models}</td><td>{d.Scored}</td><td>{P(d.MacroSuccessRate)}</td></tr>");
        sb.Append("</table>");
        foreach (var c in charts)
        {
            int at = c.Svg.IndexOf("<svg", StringComparison.Ordinal);
            sb.Append(ic, $"<div class=\"chart\" id=\"{c.Name}\">").Append(at > 0 ? c.Svg[at..] : c.Svg).Append("</div>");
        }
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }
}
