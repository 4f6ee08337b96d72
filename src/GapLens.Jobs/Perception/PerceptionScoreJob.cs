using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Perception;
using GapLens.Perception.Annotations;
using GapLens.Perception.Scoring;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// <c>gaplens perception score</c> (issue 12, part 1): the starter kit's multiple-choice scoring of an
/// answers file, per area, reasoning type, tag, task and option position, and with <c>--compare</c>
/// the paired comparison with a second answers file. Writes scores.json (and comparison.json),
/// samples.jsonl and the report, committed together with the run record last.
/// </summary>
public sealed class PerceptionScoreJob : IJob<PerceptionScoreOptions>
{
    public const string ScoresName = "scores.json";
    public const string ComparisonName = "comparison.json";

    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs =
        [ScoresName, ComparisonName, SampleResultsFile.DefaultName, Slices.SlicesJob.DocumentName, Slices.SlicesJob.CsvName, HtmlName, MarkdownName, JsonName, FiguresDir + "/"];

    public string Name => "perception score";

    public async Task<JobOutcome> RunAsync(PerceptionScoreOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string annotationsPath = PerceptionInputs.File(ctx, options.Annotations, "--annotations", "annotations");
        string answersPath = PerceptionInputs.File(ctx, options.Answers, "--answers", "answers");
        string? comparePath = options.Compare is { } c ? PerceptionInputs.File(ctx, c, "--compare", "answers_b") : null;
        var annotations = PerceptionInputs.ReadAnnotations(ctx, annotationsPath, AnnotationReadOptions.QuestionsOnly, ct);
        ct.ThrowIfCancellationRequested();
        var scores = PerceptionInputs.Score(ctx, annotations, answersPath, "--answers", options.Lenient, ct);
        McComparisonResult? comparison = null;
        if (comparePath is not null)
        {
            var b = PerceptionInputs.Score(ctx, annotations, comparePath, "--compare", options.Lenient, ct);
            comparison = McComparer.Compare(annotations, scores, b, options.Alpha);
        }
        ct.ThrowIfCancellationRequested();
        var report = PerceptionScoreReportBuilder.Build(scores, comparison, options.Annotations, options.Answers, options.Compare);
        string? gate = options.FailUnder is { } floor && scores.Top1.Value is { } top && top < floor
            ? Inv($"top-1 accuracy {Pct.Format(top)} is below --fail-under {Pct.Format(floor)}")
            : null;
        List<KeyValuePair<string, byte[]>> results = [new(ScoresName, PerceptionJson.ToBytes(scores))];
        if (comparison is not null) results.Add(new(ComparisonName, PerceptionJson.ToBytes(comparison)));
        using var outputs = OutputSet.Open(ctx.Absolute(options.OutDir), "--out", Outputs, ctx.Record.InputPaths);
        return await CommitAsync(ctx, outputs, report, results, PerceptionSamples.Of(annotations, scores), new Dictionary<string, byte[]>(), gate, ct).ConfigureAwait(false);
    }
}
