using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Plots;
using GapLens.Statistics;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// Judge vs human agreement (spec 02 "stats"): reads both score folders, pairs them, computes the
/// <see cref="AgreementReport"/> once and writes stats.json, stats.md and the scatter plot (PNG, SVG).
/// </summary>
public sealed class AnalyzeStatsJob : IJob<AnalyzeStatsOptions>
{
    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs = ["stats.json", "stats.md", "scatter.png", "scatter.svg"];

    public string Name => "analyze stats";

    public async Task<JobOutcome> RunAsync(AnalyzeStatsOptions o, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.Record.AddInput(ctx.Absolute(o.JudgeDir), "judge");
        ctx.Record.AddInput(ctx.Absolute(o.HumanDir), "human");
        ctx.Record.Seed = o.Seed;
        var (judge, badJ) = ScoreFiles.ReadAll(ctx.Absolute(o.JudgeDir));
        var (human, badH) = ScoreFiles.ReadAll(ctx.Absolute(o.HumanDir));
        ct.ThrowIfCancellationRequested();
        foreach (var (f, why) in badJ.Concat(badH)) ctx.Log.Warning($"Unreadable score file, counted apart: {why}");
        var pairing = Pairing.Of(judge, human, badJ.Concat(badH));
        if (pairing.Pairs.Length < 2)
        {
            throw new GapLens.Core.UserInputException($"only {pairing.Pairs.Length} items are scored by both the judge ({o.JudgeDir}) and the humans ({o.HumanDir}); at least 2 are needed");
        }
        var report = AgreementReport.Compute(pairing, o.PassAtOrAbove, o.Margin, o.Resamples, o.Seed);
        ct.ThrowIfCancellationRequested();
        string outDir = ctx.Absolute(o.OutDir);
        var (svg, png) = AgreementScatter.Render([.. pairing.Pairs.Select(p => (double)p.Human)], [.. pairing.Pairs.Select(p => (double)p.Judge)],
            "Judge vs human scores", "human score (1-5)", "judge score (1-5)");
        string headline = string.Create(CultureInfo.InvariantCulture,
            $"{pairing.Pairs.Length} paired items: quadratic kappa {F(report.KappaQuadratic.Value)} ({report.KappaQuadratic.Band}), mean difference {F(report.MeanDifferencePercentile.Observed)} [{F(report.MeanDifferencePercentile.Interval?.Lower)}, {F(report.MeanDifferencePercentile.Interval?.Upper)}]");
        var outcome = JobOutcome.Ok(Outputs.Select(n => Path.Combine(outDir, n)), headline);
        using (var outputs = OutputSet.Open(outDir, "out", Outputs, ctx.Record.InputPaths))
        {
            outputs.Stage("stats.json", s => WriteJson(s, report, o));
            outputs.StageText("stats.md", Markdown(report, o));
            outputs.StageBytes("scatter.png", png);
            outputs.StageText("scatter.svg", svg);
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        }
        ctx.Log.Info(headline);
        return outcome;
    }

    private static string F(double? v, int digits = 4) => v is { } x && double.IsFinite(x) ? x.ToString("F" + digits, CultureInfo.InvariantCulture) : "undefined";

    private static string Test(TestResult t) => t.Statistic is null && t.PValue is null ? $"undefined ({t.UndefinedReason})" : $"{F(t.Statistic)} (p = {F(t.PValue, 6)})";

    private static string Kappa(AgreementResult k) => k.Value is null ? $"undefined ({k.UndefinedReason})" : $"{F(k.Value)} ({k.Band})";

    private static string Markdown(AgreementReport r, AnalyzeStatsOptions o)
    {
        var p = r.Pairing;
        var sb = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        sb.Append("# Judge vs human agreement\n\n");
        sb.Append(ic, $"Judge scores: `{o.JudgeDir}`; human scores: `{o.HumanDir}`. Differences are judge - human. Pass = score >= {r.PassAtOrAbove}.\n\n");
        sb.Append("## Items\n\n| | count |\n|---|---|\n");
        sb.Append(ic, $"| paired (scored by both) | {p.Pairs.Length} |\n| judge only | {p.JudgeOnly} |\n| human only | {p.HumanOnly} |\n");
        sb.Append(ic, $"| judge skipped / failed | {p.JudgeSkipped} / {p.JudgeFailed} |\n| human skipped / failed | {p.HumanSkipped} / {p.HumanFailed} |\n| unreadable files | {p.BadFiles.Length} |\n\n");
        sb.Append("Skipped and failed items are not scores: they are counted here and left out of every statistic.\n\n");
        sb.Append("## Scores\n\n| rater | mean | std (ddof 1) | median | min | max |\n|---|---|---|---|---|---|\n");
        foreach (var (name, s) in new[] { ("judge", r.Judge), ("human", r.Human) })
        {
            sb.Append(ic, $"| {name} | {F(s.Mean)} | {F(s.Std)} | {F(s.Median)} | {F(s.Min)} | {F(s.Max)} |\n");
        }
        sb.Append("\n## Agreement (higher is better)\n\n| measure | value |\n|---|---|\n");
        sb.Append(ic, $"| Cohen's kappa, quadratic weights (use this for 1-5 scores) | {Kappa(r.KappaQuadratic)} |\n");
        sb.Append(ic, $"| Cohen's kappa, linear weights | {Kappa(r.KappaLinear)} |\n| Cohen's kappa, unweighted | {Kappa(r.Kappa)} |\n");
        sb.Append(ic, $"| Krippendorff's alpha, ordinal / interval | {Kappa(r.AlphaOrdinal)} / {Kappa(r.AlphaInterval)} |\n");
        sb.Append(ic, $"| Pearson r | {Test(r.Pearson)} |\n| Spearman rho | {Test(r.Spearman)} |\n| Kendall tau-b | {Test(r.Kendall)} |\n\n");
        var c = r.PassConfusion;
        sb.Append(ic, $"Pass/fail (human as reference): accuracy {F(r.PassAccuracy.Value)}, TPR {F(r.PassTpr.Value)}, TNR {F(r.PassTnr.Value)}, kappa {Kappa(r.PassKappa)}; ");
        sb.Append(ic, $"both pass {c.Tp}, judge-only pass {c.Fp}, both fail {c.Tn}, human-only pass {c.Fn}.\n\n");
        sb.Append("## Difference (judge - human)\n\n| measure | value |\n|---|---|\n");
        var bp = r.MeanDifferencePercentile;
        var bb = r.MeanDifferenceBca;
        sb.Append(ic, $"| observed mean difference | {F(bp.Observed)} |\n");
        sb.Append(ic, $"| bootstrap 95% CI, percentile | [{F(bp.Interval?.Lower)}, {F(bp.Interval?.Upper)}] ({bp.Resamples} resamples, seed {bp.Seed}) |\n");
        sb.Append(ic, $"| bootstrap 95% CI, BCa | {(bb.Interval is { } bi ? $"[{F(bi.Lower)}, {F(bi.Upper)}]" : $"undefined ({bb.UndefinedReason})")} |\n");
        sb.Append(ic, $"| paired t test | {Test(r.PairedT)} |\n| Wilcoxon signed-rank | {Test(r.Wilcoxon)} |\n");
        sb.Append(ic, $"| equivalence (TOST, margin ±{r.EquivalenceMargin}) | p = {F(r.Equivalence.PValue, 6)}: {(r.Equivalence.PValue < 0.05 ? "equivalent within the margin" : "equivalence not shown")} |\n\n");
        sb.Append("A non-significant t test does not show that the judge is as good as a human; the TOST row does, for the stated margin.\n\n");
        sb.Append("## By task type\n\n| task type | n | mean difference | exact agreement | quadratic kappa | pass agreement |\n|---|---|---|---|---|---|\n");
        foreach (var t in r.ByTaskType) sb.Append(ic, $"| {t.TaskType} | {t.N} | {F(t.MeanDifference)} | {F(t.ExactAgreement)} | {Kappa(t.QuadraticKappa)} | {F(t.PassAgreement)} |\n");
        sb.Append("\n## Learning curve (quadratic kappa on nested subsamples)\n\n| n | kappa |\n|---|---|\n");
        foreach (var (n, v) in r.LearningCurve) sb.Append(ic, $"| {n} | {F(v)} |\n");
        sb.Append("\n![Judge vs human scores](scatter.png)\n");
        return sb.ToString();
    }

    private static void WriteJson(Stream stream, AgreementReport r, AnalyzeStatsOptions o)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        void Num(string name, double? v)
        {
            if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x);
            else w.WriteNull(name);
        }
        void TestObj(string name, TestResult t)
        {
            w.WriteStartObject(name);
            Num("statistic", t.Statistic);
            Num("p_value", t.PValue);
            Num("df", t.Df);
            w.WriteString("method", t.Method);
            if (t.UndefinedReason is not null) w.WriteString("reason", t.UndefinedReason);
            w.WriteEndObject();
        }
        void AgreeObj(string name, AgreementResult a)
        {
            w.WriteStartObject(name);
            Num("value", a.Value);
            if (a.Band is not null) w.WriteString("band", a.Band);
            if (a.UndefinedReason is not null) w.WriteString("reason", a.UndefinedReason);
            w.WriteEndObject();
        }
        void BootObj(string name, BootstrapResult b)
        {
            w.WriteStartObject(name);
            Num("observed", b.Observed);
            Num("lower", b.Interval?.Lower);
            Num("upper", b.Interval?.Upper);
            w.WriteNumber("resamples", b.Resamples);
            w.WriteNumber("seed", b.Seed);
            w.WriteString("method", b.Method.ToString());
            if (b.UndefinedReason is not null) w.WriteString("reason", b.UndefinedReason);
            w.WriteEndObject();
        }
        var p = r.Pairing;
        w.WriteStartObject();
        w.WriteString("format", "gaplens.analyze.stats/1");
        w.WriteString("judge_dir", o.JudgeDir);
        w.WriteString("human_dir", o.HumanDir);
        w.WriteString("difference", "judge - human");
        w.WriteNumber("pass_at_or_above", r.PassAtOrAbove);
        w.WriteStartObject("items");
        w.WriteNumber("paired", p.Pairs.Length);
        w.WriteNumber("judge_only", p.JudgeOnly);
        w.WriteNumber("human_only", p.HumanOnly);
        w.WriteNumber("judge_skipped", p.JudgeSkipped);
        w.WriteNumber("judge_failed", p.JudgeFailed);
        w.WriteNumber("human_skipped", p.HumanSkipped);
        w.WriteNumber("human_failed", p.HumanFailed);
        w.WriteStartArray("unreadable_files");
        foreach (var (f, why) in p.BadFiles)
        {
            w.WriteStartObject();
            w.WriteString("file", f);
            w.WriteString("problem", why);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        foreach (var (name, s) in new[] { ("judge", r.Judge), ("human", r.Human) })
        {
            w.WriteStartObject(name);
            Num("mean", s.Mean);
            Num("std_ddof1", s.Std);
            Num("median", s.Median);
            Num("min", s.Min);
            Num("max", s.Max);
            w.WriteEndObject();
        }
        TestObj("paired_t", r.PairedT);
        TestObj("wilcoxon", r.Wilcoxon);
        TestObj("pearson", r.Pearson);
        TestObj("spearman", r.Spearman);
        TestObj("kendall_tau_b", r.Kendall);
        AgreeObj("cohen_kappa", r.Kappa);
        AgreeObj("cohen_kappa_linear", r.KappaLinear);
        AgreeObj("cohen_kappa_quadratic", r.KappaQuadratic);
        AgreeObj("krippendorff_alpha_ordinal", r.AlphaOrdinal);
        AgreeObj("krippendorff_alpha_interval", r.AlphaInterval);
        w.WriteStartObject("pass_fail");
        w.WriteNumber("both_pass", r.PassConfusion.Tp);
        w.WriteNumber("judge_only_pass", r.PassConfusion.Fp);
        w.WriteNumber("both_fail", r.PassConfusion.Tn);
        w.WriteNumber("human_only_pass", r.PassConfusion.Fn);
        Num("accuracy", r.PassAccuracy.Value);
        Num("tpr", r.PassTpr.Value);
        Num("tnr", r.PassTnr.Value);
        AgreeObj("kappa", r.PassKappa);
        w.WriteEndObject();
        BootObj("mean_difference_percentile", r.MeanDifferencePercentile);
        BootObj("mean_difference_bca", r.MeanDifferenceBca);
        w.WriteNumber("equivalence_margin", r.EquivalenceMargin);
        TestObj("equivalence_tost", r.Equivalence);
        w.WriteStartArray("learning_curve");
        foreach (var (n, v) in r.LearningCurve)
        {
            w.WriteStartObject();
            w.WriteNumber("n", n);
            Num("quadratic_kappa", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("by_task_type");
        foreach (var t in r.ByTaskType)
        {
            w.WriteStartObject();
            w.WriteString("task_type", t.TaskType);
            w.WriteNumber("n", t.N);
            Num("mean_difference", t.MeanDifference);
            Num("exact_agreement", t.ExactAgreement);
            AgreeObj("quadratic_kappa", t.QuadraticKappa);
            Num("pass_agreement", t.PassAgreement);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
