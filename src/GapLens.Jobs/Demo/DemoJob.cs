using GapLens.Core.Config;
using GapLens.IO.Files;
using GapLens.Jobs.Judge;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;

namespace GapLens.Jobs.Demo;

/// <summary>
/// <c>gaplens demo</c>: every job on the bundled samples, each into its own folder of the demo's
/// output (each with its own run record), and a summary of what each found and where. A sub-job whose
/// quality gate fails fails the demo's gate too (the demo never reports success over a failure).
/// </summary>
public sealed class DemoJob : IJob<DemoOptions>
{
    public const string SummaryName = "demo_summary.txt";

    public string Name => "demo";

    public async Task<JobOutcome> RunAsync(DemoOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        BoundedValue.CheckAll(options.Numbers());
        string samples = ctx.Absolute(options.SamplesDir);
        string outDir = ctx.Absolute(options.OutDir);
        ctx.Record.AddInput(samples, "samples");
        var lines = new List<string> { $"GapLens demo: results in {outDir}   (every job's log: gaplens demo --verbose)", "" };
        var failed = new List<string>();
        var artifacts = new List<string>();
        void Add(string name, JobOutcome o)
        {
            if (!o.Passed) failed.Add($"{name}: {o.GateMessage}");
            artifacts.AddRange(o.Artifacts);
        }

        var bcq = await ctx.RunSubJobAsync(new VlmBcqJob(), "gap_analysis vlm_bcq", new BcqOptions(
            Path.Combine(samples, "vlm_bcq", "predictions.json"), Path.Combine(outDir, "vlm_bcq"), Path.Combine(samples, "vlm_bcq", "videos")), ct).ConfigureAwait(false);
        Add("vlm_bcq", bcq);
        lines.Add($"vlm_bcq: {bcq.Headline}");
        lines.AddRange(bcq.Artifacts.Select(a => "  " + a));
        string bcqReport = Path.Combine(outDir, "vlm_bcq", BcqArtifacts.ReportName);
        if (File.Exists(bcqReport))
        {
            lines.Add("");
            lines.AddRange(File.ReadAllText(bcqReport).TrimEnd('\n').Split('\n'));
        }

        string aoiDir = Path.Combine(samples, "vcn_aoi");
        var aoi = await ctx.RunSubJobAsync(new VcnAoiJob(), "gap_analysis vcn_aoi", new AoiOptions(
            Path.Combine(aoiDir, "inference"), Path.Combine(aoiDir, "train.yaml"), Path.Combine(aoiDir, "images"),
            -1.0, 1.0, 10, Path.Combine(outDir, "vcn_aoi")), ct).ConfigureAwait(false);
        Add("vcn_aoi", aoi);
        lines.Add("");
        lines.Add($"vcn_aoi: {aoi.Headline}");
        lines.AddRange(aoi.Artifacts.Select(a => "  " + a));
        lines.Add("");

        var reports = new List<string> { bcqReport, Path.Combine(outDir, "vcn_aoi", VcnAoiJob.ReportHtmlName) };
        if (options.VideoScoring)
        {
            string vm = Path.Combine(samples, "vmeval", "data");
            string evalDir = Path.Combine(outDir, "vmeval", "evaluations");
            var judged = await ctx.RunSubJobAsync(new JudgeJob(), "judge",
                new JudgeOptions(Path.Combine(vm, "outputs"), evalDir, "pixel", Environment.ProcessorCount), ct).ConfigureAwait(false);
            Add("judge", judged);
            var plots = await ctx.RunSubJobAsync(new AnalyzePlotJob(), "analyze plot",
                new AnalyzePlotOptions(Path.Combine(evalDir, "pixel-eval"), Path.Combine(outDir, "vmeval", "plots")), ct).ConfigureAwait(false);
            Add("analyze plot", plots);
            var stats = await ctx.RunSubJobAsync(new AnalyzeStatsJob(), "analyze stats", new AnalyzeStatsOptions(
                Path.Combine(evalDir, "pixel-eval"), Path.Combine(vm, "evaluations", "human-eval"), Path.Combine(outDir, "vmeval", "stats")), ct).ConfigureAwait(false);
            Add("analyze stats", stats);
            lines.Add($"judge (pixel): {judged.Headline}");
            lines.Add($"analyze plot: {plots.Headline}");
            lines.Add($"analyze stats: {stats.Headline}");
            lines.AddRange(stats.Artifacts.Select(a => "  " + a));
            reports.Add(Path.Combine(outDir, "vmeval", "plots", "index.html"));
            reports.Add(Path.Combine(outDir, "vmeval", "stats", "stats.md"));
        }
        else
        {
            lines.Add("video scoring demo skipped: ffmpeg is not installed (apt-get install ffmpeg, or run ./test.sh, which installs it)");
        }
        lines.Add("");
        lines.Add($"Reports: {reports[0]}");
        lines.AddRange(reports.Skip(1).Select(r => $"         {r}"));
        if (failed.Count > 0)
        {
            lines.Add("");
            lines.AddRange(failed.Select(f => "FAILED GATE " + f));
        }

        var outcome = (failed.Count == 0
            ? JobOutcome.Ok(artifacts, bcq.Headline)
            : JobOutcome.GateFailed($"{failed.Count} demo job(s) failed their quality gate: {string.Join("; ", failed)}", artifacts)) with { Summary = [.. lines] };
        using var set = OutputSet.Open(outDir, "--out", [SummaryName], ctx.Record.InputPaths);
        set.StageText(SummaryName, string.Join('\n', lines) + "\n");
        await ctx.Record.CommitAsync(set, outcome, ct).ConfigureAwait(false);
        return outcome;
    }
}
