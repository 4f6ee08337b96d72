using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Perception;
using GapLens.Perception.Annotations;
using GapLens.Perception.Attention;
using GapLens.Perception.Scoring;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// <c>gaplens perception attention</c> (issue 12, part 2): attention maps against the annotated
/// object boxes, every metric beside chance, per slice and task, linked with correctness when the
/// answers are given, with the overlay gallery. Writes attention.json, samples.jsonl, overlays/ and
/// the report, committed together with the run record last.
/// </summary>
public sealed class PerceptionAttentionJob : IJob<PerceptionAttentionOptions>
{
    public const string ResultName = "attention.json";
    public const string OverlaysDir = "overlays";

    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs =
        [ResultName, SampleResultsFile.DefaultName, Slices.SlicesJob.DocumentName, Slices.SlicesJob.CsvName, HtmlName, MarkdownName, JsonName, FiguresDir + "/", OverlaysDir + "/"];

    public string Name => "perception attention";

    public async Task<JobOutcome> RunAsync(PerceptionAttentionOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string annotationsPath = PerceptionInputs.File(ctx, options.Annotations, "--annotations", "annotations");
        string mapsDir = PerceptionInputs.Folder(ctx, options.Maps, "--maps", "maps");
        string? answersPath = options.Answers is { } a ? PerceptionInputs.File(ctx, a, "--answers", "answers") : null;
        string? videosDir = options.Videos is { } v ? PerceptionInputs.Folder(ctx, v, "--videos", "videos") : null;
        var folder = new AttentionMapFolder(mapsDir);
        if (folder.Keys.Count == 0)
        {
            throw new UserInputException($"--maps {options.Maps} holds no attention map; expected <video_id>/<question_id>.npy with a <question_id>.json sidecar (docs/perception.md).");
        }
        var videoIds = folder.Keys.Select(k => k.VideoId).ToHashSet(StringComparer.Ordinal);
        var annotations = PerceptionInputs.ReadAnnotations(ctx, annotationsPath, new AnnotationReadOptions(ObjectTracks: true, ObjectTracksFor: videoIds), ct);
        var scores = answersPath is null ? null : PerceptionInputs.Score(ctx, annotations, answersPath, "--answers", options.Lenient, ct);
        ctx.Progress?.Begin("Scoring attention maps", "maps");
        var maps = new ProgressMapSource(folder, ctx.Progress);
        var result = AttentionAnalyzer.Analyze(annotations, maps, scores, options.ToAnalysis(), ct);
        Gate(result, options);
        foreach (string w in result.Diagnostics.Warnings) ctx.Log.Warning(w);
        ctx.Log.Info(FormattableString.Invariant($"Scored {result.Diagnostics.MapsScored:#,0} maps ({result.Diagnostics.FramesScored:#,0} frames) over {result.Slices.Length} slice(s)"));

        string outDir = ctx.Absolute(options.OutDir);
        using var frames = videosDir is null ? null : new VideoFrameSource(videosDir, ctx.Log);
        using var outputs = OutputSet.Open(outDir, "--out", Outputs, ctx.Record.InputPaths);
        ctx.Progress?.Begin("Drawing overlays", "tasks");
        var overlays = await AttentionGallery.WriteAsync(result, annotations, folder, outputs, OverlaysDir, frames, new OverlayOptions { Slice = PerceptionAttentionReportBuilder.HeadlineSlice(result) }, ct).ConfigureAwait(false);
        var images = overlays.ToDictionary(o => OverlaysDir + "/" + o.File, o => outputs.ReadStaged(OverlaysDir + "/" + o.File), StringComparer.Ordinal);
        // An overlay of a question (the first drawn) is its thumbnail in the "Where it fails" examples.
        var byQuestion = overlays.GroupBy(o => Inv($"{o.VideoId}/{o.QuestionId}"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new GapLens.Core.Reports.GalleryImage(g.Key, OverlaysDir + "/" + g.First().File), StringComparer.Ordinal);
        var report = PerceptionAttentionReportBuilder.Build(result, scores, overlays, OverlaysDir, options.Annotations, options.Maps, options.Answers, options.Videos);
        ctx.Log.Info($"Drew {overlays.Length} overlays (into {OverlaysDir}/)");
        return await CommitAsync(ctx, outputs, report, [new(ResultName, PerceptionJson.ToBytes(result))], Samples(annotations, scores, result), images, null, ct,
            id => byQuestion.GetValueOrDefault(id)).ConfigureAwait(false);
    }

    /// <summary>Maps that match no question, or frames without any relevant box, are input problems: nothing was measured.</summary>
    private static void Gate(AttentionResult r, PerceptionAttentionOptions o)
    {
        var d = r.Diagnostics;
        if (d.MapsScored == 0)
        {
            throw new UserInputException(FormattableString.Invariant(
                $"--maps {o.Maps}: none of its {d.MapsListed:#,0} maps belongs to a question of {o.Annotations} (maps are <video_id>/<question_id>, the question's position in the video's mc_question list)."));
        }
        if (d.FramesScored == 0)
        {
            string why = r.Settings.ObjectLabels.IsEmpty
                ? "no tracked object is annotated near any map frame (check the sidecars' frame_ids, or --frame-matching/--frame-tolerance)"
                : $"no object whose label contains {string.Join(" or ", r.Settings.ObjectLabels.Select(l => $"'{l}'"))} is annotated near any map frame (check --objects)";
            throw new UserInputException(FormattableString.Invariant($"--maps {o.Maps}: {d.FramesWithoutBoxes:#,0} map frames and not one could be scored: {why}."));
        }
    }

    /// <summary>Every question with a map: its outcome (Skipped without answers) and the scores of the headline slice beside chance.</summary>
    private static IEnumerable<GapLens.Core.Results.SampleResult> Samples(PerceptionAnnotations annotations, McScoreResult? scores, AttentionResult r)
    {
        int h = PerceptionAttentionReportBuilder.HeadlineSlice(r);
        var byKey = r.Questions.ToDictionary(q => (q.VideoId, q.QuestionId));
        var outcomes = scores is null
            ? r.Questions.Select(q => new QuestionOutcome(q.VideoId, q.QuestionId, q.TaskId, annotations.Find(q.VideoId)!.Questions[q.QuestionId].AnswerId ?? -1, null, false))
            : scores.Outcomes.Where(o => byKey.ContainsKey((o.VideoId, o.QuestionId)));
        return PerceptionSamples.Of(annotations, outcomes, scores is not null, o =>
        {
            var q = byKey[(o.VideoId, o.QuestionId)];
            var meta = new List<KeyValuePair<string, string>>
            {
                new("attention_slice", r.Slices[h].Name),
                new("frames_scored", FormattableString.Invariant($"{q.FramesScored} of {q.Frames}")),
            };
            if (q.UndefinedReason is { } why) meta.Add(new("attention_undefined", why));
            foreach (var m in PerceptionAttentionReportBuilder.Metrics)
            {
                string key = PerceptionAttentionReportBuilder.Key(m);
                meta.Add(new(key, PerceptionSamples.Num(q.Slices[h].Get(m))));
                meta.Add(new(key + "_chance", PerceptionSamples.Num(q.Chance.Get(m))));
            }
            return meta;
        });
    }
}
