using GapLens.Core.Config;
using GapLens.IO.Files;
using GapLens.Jobs.Judge;
using GapLens.Jobs.Perception;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Slices;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VideoQa;
using GapLens.Jobs.VlmBcq;

namespace GapLens.Jobs.Demo;

/// <summary>
/// <c>gaplens demo</c>: every job on the bundled samples, each into its own folder of the demo's
/// output (each with its own run record), and a summary of what each found and where. A sub-job whose
/// quality gate fails fails the demo's gate too (the demo never reports success over a failure).
/// The long-video QA part starts a scripted model server on 127.0.0.1 (<see cref="ScriptedVideoQaModel"/>
/// served by <paramref name="scripted"/>) and runs videoqa prepare, run and metrics against it; without a
/// host (or without ffmpeg) that part is skipped and the summary says so.
/// </summary>
/// <param name="scripted">Serves the scripted model over HTTP (GapLens.Web); null skips the long-video QA part.</param>
public sealed class DemoJob(IScriptedEndpointHost? scripted = null) : IJob<DemoOptions>
{
    public const string SummaryName = "demo_summary.txt";

    /// <summary>The environment variable the demo's endpoints read a key from: one nobody sets, so no real
    /// key is ever sent to the scripted server.</summary>
    public const string ScriptedKeyEnv = "GAPLENS_DEMO_SCRIPTED_KEY";

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
        int jobs = 0;
        void Add(string name, JobOutcome o)
        {
            jobs++;
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

        var reports = new List<string> { Path.Combine(outDir, "vlm_bcq", VlmBcqJob.ReportHtmlName), Path.Combine(outDir, "vcn_aoi", VcnAoiJob.ReportHtmlName) };
        // Where each job's samples fail: gaplens slices on every job's output folder, as a user would run it.
        // vlm_bcq writes no folder when it finds no gap; vcn_aoi's has no threshold when the KPI is unreachable.
        if (bcq.Passed && File.Exists(Path.Combine(outDir, "vlm_bcq", OutputSet.ManifestName))) reports.Add(await SlicesAsync(ctx, "vlm_bcq", Path.Combine(outDir, "vlm_bcq"), null, lines, Add, ct).ConfigureAwait(false));
        if (aoi.Passed) reports.Add(await SlicesAsync(ctx, "vcn_aoi", Path.Combine(outDir, "vcn_aoi"), null, lines, Add, ct).ConfigureAwait(false));
        lines.Add("");
        reports.AddRange(await PerceptionAsync(ctx, Path.Combine(samples, "perception"), Path.Combine(outDir, "perception"), options.VideoScoring, lines, Add, ct).ConfigureAwait(false));
        lines.Add("");
        if (options.VideoScoring)
        {
            string vm = Path.Combine(samples, "vmeval", "data");
            string evalDir = Path.Combine(outDir, "vmeval", "evaluations");
            var judged = await ctx.RunSubJobAsync(new JudgeJob(), "judge",
                new JudgeOptions(Path.Combine(vm, "outputs"), evalDir, "pixel", Environment.ProcessorCount), ct).ConfigureAwait(false);
            // A rerun into the same folder (or after a kill) resumes the judge, which then retries only
            // the sample's deliberately broken item: its gate ("every attempted item failed") says
            // nothing about the demo, whose folder is complete when the other items hold scores.
            if (!judged.Passed && GapLens.Judging.Folders.ScoreFiles.ReadAll(Path.Combine(evalDir, "pixel-eval")).Records.Any(r => r.Status == GapLens.Judging.Folders.ScoreStatus.Completed))
            {
                judged = JobOutcome.Ok(judged.Artifacts, judged.Headline);
            }
            Add("judge", judged);
            var plots = await ctx.RunSubJobAsync(new AnalyzePlotJob(), "analyze plot",
                new AnalyzePlotOptions(Path.Combine(evalDir, "pixel-eval"), Path.Combine(outDir, "vmeval", "plots"), Outputs: Path.Combine(vm, "outputs")), ct).ConfigureAwait(false);
            Add("analyze plot", plots);
            var stats = await ctx.RunSubJobAsync(new AnalyzeStatsJob(), "analyze stats", new AnalyzeStatsOptions(
                Path.Combine(evalDir, "pixel-eval"), Path.Combine(vm, "evaluations", "human-eval"), Path.Combine(outDir, "vmeval", "stats")), ct).ConfigureAwait(false);
            Add("analyze stats", stats);
            // Where the judged videos fail: slices of analyze plot's per-sample results by their metadata.
            var slices = await ctx.RunSubJobAsync(new SlicesJob(), "slices", new SlicesOptions(
                Path.Combine(outDir, "vmeval", "plots", GapLens.IO.Results.SampleResultsFile.DefaultName), Path.Combine(outDir, "vmeval", "slices")), ct).ConfigureAwait(false);
            Add("slices", slices);
            lines.Add($"judge (pixel): {judged.Headline}");
            lines.Add($"analyze plot: {plots.Headline}");
            lines.Add($"analyze stats: {stats.Headline}");
            lines.Add($"slices of analyze plot: {slices.Headline}");
            lines.AddRange(stats.Artifacts.Select(a => "  " + a));
            reports.Add(Path.Combine(outDir, "vmeval", "plots", "report.html"));
            reports.Add(Path.Combine(outDir, "vmeval", "stats", "stats.html"));
            reports.Add(Path.Combine(outDir, "vmeval", "slices", SlicesJob.HtmlName));
        }
        else
        {
            lines.Add("video scoring demo skipped: ffmpeg is not installed (apt-get install ffmpeg, or run ./test.sh, which installs it)");
        }
        lines.Add("");
        if (options.VideoScoring && scripted is not null)
        {
            reports.AddRange(await VideoQaAsync(ctx, scripted, Path.Combine(samples, "videoqa"), Path.Combine(outDir, "videoqa"), lines, Add, ct).ConfigureAwait(false));
        }
        else
        {
            lines.Add(options.VideoScoring
                ? "long-video QA demo skipped: no scripted model server in this build"
                : "long-video QA demo skipped: ffmpeg is not installed (apt-get install ffmpeg, or run ./test.sh, which installs it)");
        }
        lines.Add("");
        lines.Add($"Start here: {Path.Combine(outDir, OutputSet.IndexName)} (every run's front page, linking its report and files)");
        lines.Add($"Reports: {reports[0]}");
        lines.AddRange(reports.Skip(1).Select(r => $"         {r}"));
        if (options.VideoScoring)
        {
            // Score the demo's videos by hand (the judge's scores sit beside them on the Review page).
            lines.Add($"Score the videos yourself: gaplens serve --outputs {Quoted(Path.Combine(samples, "vmeval", "data", "outputs"))} --evaluations {Quoted(Path.Combine(outDir, "vmeval", "evaluations"))}");
        }
        if (failed.Count > 0)
        {
            lines.Add("");
            lines.AddRange(failed.Select(f => "FAILED GATE " + f));
        }

        var outcome = (failed.Count == 0
            ? JobOutcome.Ok(artifacts, FormattableString.Invariant($"{jobs} demo jobs ran and passed their quality gates; the list of runs below gives each finding and links its report."))
            : JobOutcome.GateFailed($"{failed.Count} demo job(s) failed their quality gate: {string.Join("; ", failed)}", artifacts)) with { Summary = [.. lines] };
        using var set = OutputSet.Open(outDir, "--out", [SummaryName], ctx.Record.InputPaths);
        set.StageText(SummaryName, string.Join('\n', lines) + "\n");
        await ctx.Record.CommitAsync(set, outcome, ct).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>Long-video QA on samples/videoqa against the scripted model served on 127.0.0.1: videoqa
    /// prepare (frames with ffmpeg, frame embeddings from the server's /v1/embeddings), videoqa run (the
    /// agent calls the server's tools-capable chat API) and videoqa metrics (the report); returns the report.</summary>
    private static async Task<IReadOnlyList<string>> VideoQaAsync(JobContext ctx, IScriptedEndpointHost host, string samples, string outDir, List<string> lines,
        Action<string, JobOutcome> add, CancellationToken ct)
    {
        await using var server = await host.StartAsync(new ScriptedVideoQaModel(), ct).ConfigureAwait(false);
        ctx.Log.Info($"long-video QA: scripted model {ScriptedVideoQaModel.Model} serving at {server.BaseUrl}");
        string prepared = Path.Combine(outDir, "prepared"), run = Path.Combine(outDir, "run"), report = Path.Combine(run, VideoQaMetricsJob.ReportDirName);
        var prepare = await ctx.RunSubJobAsync(new PrepareVideosJob(), "videoqa prepare", new PrepareVideosOptions(Path.Combine(samples, "videos"), prepared,
            EmbeddingsUrl: server.BaseUrl, EmbeddingsModel: ScriptedVideoQaModel.Model, EmbeddingsApiKeyEnv: ScriptedKeyEnv), ct).ConfigureAwait(false);
        add("videoqa prepare", prepare);
        lines.Add($"videoqa prepare: {prepare.Headline}");
        if (!prepare.Passed) return [];
        var answered = await ctx.RunSubJobAsync(new RunVideoQaJob(), "videoqa run", new RunVideoQaOptions(Path.Combine(samples, "data.json"),
            Path.Combine(prepared, "frames"), Path.Combine(prepared, "embeddings"), server.BaseUrl, run)
        {
            Model = ScriptedVideoQaModel.Model,
            ApiKeyEnv = ScriptedKeyEnv,
            EmbeddingsUrl = server.BaseUrl,
            EmbeddingsModel = ScriptedVideoQaModel.Model,
            EmbeddingsApiKeyEnv = ScriptedKeyEnv,
            Concurrency = 4,
            MaxRounds = 4,
            FrameLabels = true,
            NoReport = true,
        }, ct).ConfigureAwait(false);
        add("videoqa run", answered);
        lines.Add($"videoqa run (scripted model): {answered.Headline}");
        var metrics = await ctx.RunSubJobAsync(new VideoQaMetricsJob(), "videoqa metrics", new VideoQaMetricsOptions(run, report), ct).ConfigureAwait(false);
        add("videoqa metrics", metrics);
        lines.Add($"videoqa metrics: {metrics.Headline}");
        lines.AddRange(metrics.Artifacts.Select(a => "  " + a));
        if (!metrics.Passed) return [Path.Combine(report, VideoQaMetricsJob.HtmlName)];
        return [Path.Combine(report, VideoQaMetricsJob.HtmlName), await SlicesAsync(ctx, "videoqa", run, Path.Combine(run, SlicesJob.DirName), lines, add, ct).ConfigureAwait(false)];
    }

    /// <summary><c>gaplens slices --results folder</c> on a job's output (its report into folder/slices,
    /// or <paramref name="outDir"/>); adds the headline to the summary and returns the report's path.</summary>
    private static async Task<string> SlicesAsync(JobContext ctx, string job, string folder, string? outDir, List<string> lines, Action<string, JobOutcome> add, CancellationToken ct)
    {
        var slices = await ctx.RunSubJobAsync(new SlicesJob(), "slices", new SlicesOptions(folder, outDir), ct).ConfigureAwait(false);
        add($"slices of {job}", slices);
        lines.Add($"slices of {job}: {slices.Headline}");
        return Path.Combine(outDir ?? Path.Combine(folder, SlicesJob.DirName), SlicesJob.HtmlName);
    }

    private static string Quoted(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '&' or ';') ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;

    /// <summary>The three Perception Test jobs on samples/perception (overlays on the video frames when
    /// ffmpeg is there, on a blank canvas otherwise); returns their reports.</summary>
    private static async Task<IReadOnlyList<string>> PerceptionAsync(JobContext ctx, string samples, string outDir, bool ffmpeg, List<string> lines,
        Action<string, JobOutcome> add, CancellationToken ct)
    {
        string annotations = Path.Combine(samples, "annotations.json"), answers = Path.Combine(samples, "answers.json");
        var score = await ctx.RunSubJobAsync(new PerceptionScoreJob(), "perception score", new PerceptionScoreOptions(
            annotations, answers, Path.Combine(outDir, "score"), Compare: Path.Combine(samples, "answers_v2.json")), ct).ConfigureAwait(false);
        add("perception score", score);
        var attention = await ctx.RunSubJobAsync(new PerceptionAttentionJob(), "perception attention", new PerceptionAttentionOptions(
            annotations, Path.Combine(samples, "maps"), Path.Combine(outDir, "attention"), answers, Videos: ffmpeg ? Path.Combine(samples, "videos") : null), ct).ConfigureAwait(false);
        add("perception attention", attention);
        var confidence = await ctx.RunSubJobAsync(new PerceptionConfidenceJob(), "perception confidence", new PerceptionConfidenceOptions(
            annotations, answers, Path.Combine(samples, "confidence.jsonl"), Path.Combine(outDir, "confidence")), ct).ConfigureAwait(false);
        add("perception confidence", confidence);
        lines.Add($"perception score: {score.Headline}");
        lines.Add($"perception attention: {attention.Headline}");
        lines.Add($"perception confidence: {confidence.Headline}");
        var reports = new List<string>();
        foreach (string d in new[] { "score", "attention", "confidence" })
        {
            reports.Add(Path.Combine(outDir, d, "report.html"));
            reports.Add(await SlicesAsync(ctx, $"perception {d}", Path.Combine(outDir, d), null, lines, add, ct).ConfigureAwait(false));
        }
        return reports;
    }
}
