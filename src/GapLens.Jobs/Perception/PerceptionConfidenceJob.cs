using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Perception;
using GapLens.Perception.Annotations;
using GapLens.Perception.Confidence;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// <c>gaplens perception confidence</c> (issue 12, part 3): confidence against correctness (AUROC,
/// calibration, risk-coverage) per signal, and accuracy without labels (the cross-validated
/// meta-model per task against the mean-confidence baseline). Writes confidence.json,
/// samples.jsonl and the report, committed together with the run record last.
/// </summary>
public sealed class PerceptionConfidenceJob : IJob<PerceptionConfidenceOptions>
{
    public const string ResultName = "confidence.json";

    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs =
        [ResultName, SampleResultsFile.DefaultName, Slices.SlicesJob.DocumentName, Slices.SlicesJob.CsvName, HtmlName, MarkdownName, JsonName, FiguresDir + "/"];

    public string Name => "perception confidence";

    public async Task<JobOutcome> RunAsync(PerceptionConfidenceOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string annotationsPath = PerceptionInputs.File(ctx, options.Annotations, "--annotations", "annotations");
        string answersPath = PerceptionInputs.File(ctx, options.Answers, "--answers", "answers");
        string confidencePath = PerceptionInputs.File(ctx, options.Confidence, "--confidence", "confidence");
        ctx.Record.Seed = options.Seed;
        var annotations = PerceptionInputs.ReadAnnotations(ctx, annotationsPath, AnnotationReadOptions.QuestionsOnly, ct);
        var scores = PerceptionInputs.Score(ctx, annotations, answersPath, "--answers", options.Lenient, ct);
        var confidence = ConfidenceReader.Read(confidencePath, ct);
        if (options.ParsedSignal is { } wanted)
        {
            var present = Present(confidence);
            if (!present.Contains(wanted))
            {
                throw new UserInputException($"--signal {PerceptionConfidenceReportBuilder.Key(wanted)}: no line of {options.Confidence} has it; present: {string.Join(", ", present.Select(PerceptionConfidenceReportBuilder.Key))}");
            }
        }
        var result = ConfidenceAnalyzer.Analyze(annotations, scores, confidence, options.ToAnalysis());
        if (result.WithConfidence == 0)
        {
            throw new UserInputException(FormattableString.Invariant(
                $"--confidence {options.Confidence}: none of its {confidence.Records.Length:#,0} lines is for an answered question of {options.Answers}; nothing to analyse."));
        }
        foreach (string w in result.Warnings) ctx.Log.Warning(w);
        ct.ThrowIfCancellationRequested();
        var report = PerceptionConfidenceReportBuilder.Build(result, scores, options.Annotations, options.Answers, options.Confidence);
        var lines = confidence.Records.GroupBy(r => (r.VideoId, r.QuestionId)).ToDictionary(g => g.Key, g => g.First());
        var samples = PerceptionSamples.Of(annotations, scores,
            o => lines.TryGetValue((o.VideoId, o.QuestionId), out var line) && o.Chosen is { } chosen ? Confidences(line, chosen) : []);
        using var outputs = OutputSet.Open(ctx.Absolute(options.OutDir), "--out", Outputs, ctx.Record.InputPaths);
        return await CommitAsync(ctx, outputs, report, [new(ResultName, PerceptionJson.ToBytes(result))], samples, new Dictionary<string, byte[]>(), null, ct).ConfigureAwait(false);
    }

    /// <summary>The signals the file's lines carry.</summary>
    private static List<ConfidenceSignal> Present(ConfidenceSet set)
    {
        var present = new List<ConfidenceSignal>();
        if (set.Records.Any(r => r.OptionProbabilities is not null)) present.Add(ConfidenceSignal.OptionProbability);
        if (set.Records.Any(r => r.Verbal is not null)) present.Add(ConfidenceSignal.Verbal);
        if (set.Records.Any(r => r.Samples is not null)) present.Add(ConfidenceSignal.SampleAgreement);
        return present;
    }

    /// <summary>The question's confidence per signal, as the analysis reads it (docs/perception.md).</summary>
    private static ImmutableArray<KeyValuePair<string, string>> Confidences(ConfidenceRecord r, int chosen)
    {
        var meta = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        if (r.OptionProbabilities is { } p) meta.Add(new("option_probability", PerceptionSamples.Num(p[chosen])));
        if (r.Verbal is { } v) meta.Add(new("verbal", PerceptionSamples.Num(v)));
        if (r.Samples is { } s && s.Length > 0) meta.Add(new("sample_agreement", PerceptionSamples.Num((double)s.Count(a => a == chosen) / s.Length)));
        return meta.ToImmutable();
    }
}
