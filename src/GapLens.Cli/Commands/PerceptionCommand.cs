using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Jobs.Perception;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens perception score|attention|confidence</c>: DeepMind's Perception Test (docs/perception.md).</summary>
internal static class PerceptionCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        return new Command("perception", "Perception Test: official MC scoring, attention vs object boxes, accuracy without labels (docs/perception.md).")
        {
            Score(host, ct), Attention(host, ct), Confidence(host, ct),
        };
    }

    private static Option<string> Annotations() => new("--annotations")
    {
        Description = "Perception Test annotation file: one JSON object keyed by video id (e.g. valid_annotations.json; streamed).",
        Required = true,
    };

    private static Option<bool> Lenient() => new("--lenient") { Description = "Score a partial answers file: missing answers are unanswered, reported separately." };

    private static Option<string> Out(string what) => new("--out") { Description = $"Output folder for {what}, samples.jsonl and report.html/.md/.json.", Required = true };

    private static Command Score(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var annotations = Annotations();
        var answers = new Option<string>("--answers") { Description = "The model's answers: {video_id: [{\"id\", \"answer_id\", \"answer\"}]} (the starter kit's format).", Required = true };
        var lenient = Lenient();
        var compare = new Option<string?>("--compare") { Description = "A second answers file on the same questions: McNemar per area and task, BH-adjusted, flipped questions." };
        var alpha = new Option<double>("--alpha") { Description = "False discovery rate of the Benjamini-Hochberg adjustment.", DefaultValueFactory = _ => AnalysisDefaults.Alpha };
        var failUnder = new Option<double?>("--fail-under") { Description = "Exit 1 when top-1 accuracy is below this (0-1)." };
        var output = Out("scores.json (comparison.json)");
        var cmd = new Command("score", """
            Multiple-choice scoring with the starter kit's semantics (calc_top1, calc_top1_by_cat): its errors
            (unknown question id, answer_id outside 0..2, option text that does not match, missing answers),
            top-1 accuracy with a Wilson 95% interval, per area (derived from tags), reasoning type and tag;
            per task (same question text across videos) ranked by the interval's upper bound; option-position
            bias; with --compare, McNemar per area and task (Benjamini-Hochberg) and the flipped questions.

            Examples:
              gaplens perception score --annotations valid_annotations.json --answers answers.json --out score/
              gaplens perception score --annotations valid_annotations.json --answers partial.json --lenient --out score/
              gaplens perception score --annotations valid_annotations.json --answers a.json --compare b.json --out compare/
            """)
        {
            annotations, answers, lenient, compare, alpha, failUnder, output,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new PerceptionScoreJob(), "perception score", () => new PerceptionScoreOptions(
            parse.GetValue(annotations)!, parse.GetValue(answers)!, parse.GetValue(output)!, parse.GetValue(lenient), parse.GetValue(compare),
            parse.GetValue(alpha), parse.GetValue(failUnder)), ct));
        return cmd;
    }

    private static Command Attention(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var annotations = Annotations();
        var maps = new Option<string>("--maps")
        {
            Description = "Attention maps: <video_id>/<question_id>.npy or .safetensors ([layers?][heads?][frames][h][w]) with a .json sidecar naming the frame_ids.",
            Required = true,
        };
        var answers = new Option<string?>("--answers") { Description = "The model's answers: link each question's attention with correctness, rank layers and heads." };
        var lenient = Lenient();
        var videos = new Option<string?>("--videos") { Description = "Videos (<video_id>.mp4, read with ffmpeg) or frames (<video_id>/<frame_id>.png) under the overlays; default: a blank canvas." };
        var objects = new Option<string[]>("--objects")
        {
            Description = "Only objects whose label contains one of these terms (case-insensitive; repeat or comma-separate). Default: every tracked object.",
            AllowMultipleArgumentsPerToken = true,
        };
        var matching = new Option<string>("--frame-matching") { Description = "How a map frame finds the annotated boxes (about one per second): nearest, exact or interpolate.", DefaultValueFactory = _ => "nearest" };
        var frameTolerance = new Option<int?>("--frame-tolerance") { Description = "Frames between a map frame and an annotation (default: half a second)." };
        var pointing = new Option<double>("--pointing-tolerance") { Description = "Pointing-game tolerance in map cells (0-64)." };
        var iou = new Option<double>("--iou-fraction") { Description = "IoU threshold as a fraction of the map's maximum (a sweep is reported too).", DefaultValueFactory = _ => 0.15 };
        var rankBy = new Option<string>("--rank-by") { Description = "Metric whose link with correctness ranks layers and heads: pointing_game, mass_ratio, rank_accuracy, iou or roc_auc.", DefaultValueFactory = _ => "mass_ratio" };
        var threads = new Option<int?>("--threads") { Description = "Threads for the per-question work (default: all cores)." };
        var output = Out("attention.json, overlays/");
        var cmd = new Command("attention", """
            Attention (or saliency) maps against the ground-truth object boxes: pointing game, attention mass
            ratio, relevance rank accuracy, IoU at a fraction of the maximum (and a sweep), ROC-AUC of the map
            as a box detector, each beside what a uniform map scores on the same boxes (chance); per layer,
            head, task; with --answers their link with correctness (AUROC, point-biserial r) and the layers
            and heads ranked by it; overlays (frame, heatmap, boxes) of each task's strongest and weakest question.

            Examples:
              gaplens perception attention --annotations valid_annotations.json --maps maps/ --out attention/
              gaplens perception attention --annotations valid_annotations.json --maps maps/ --answers answers.json --videos videos/ --out attention/
              gaplens perception attention --annotations valid_annotations.json --maps maps/ --objects cup,ball --pointing-tolerance 1 --out attention/
            """)
        {
            annotations, maps, answers, lenient, videos, objects, matching, frameTolerance, pointing, iou, rankBy, threads, output,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new PerceptionAttentionJob(), "perception attention", () => new PerceptionAttentionOptions(
            parse.GetValue(annotations)!, parse.GetValue(maps)!, parse.GetValue(output)!, parse.GetValue(answers), parse.GetValue(lenient), parse.GetValue(videos),
            [.. (parse.GetValue(objects) ?? []).SelectMany(o => o.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
            parse.GetValue(matching)!, parse.GetValue(frameTolerance), parse.GetValue(pointing), parse.GetValue(iou), parse.GetValue(rankBy)!, parse.GetValue(threads)), ct));
        return cmd;
    }

    private static Command Confidence(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var annotations = Annotations();
        var answers = new Option<string>("--answers") { Description = "The model's answers.", Required = true };
        var confidence = new Option<string>("--confidence")
        {
            Description = "JSON Lines, one per answered question: {\"video_id\", \"id\", \"option_probs\" | \"option_logprobs\", \"verbal\", \"samples\"}.",
            Required = true,
        };
        var lenient = Lenient();
        var bins = new Option<int>("--bins") { Description = "Calibration bins (equal-width and equal-mass).", DefaultValueFactory = _ => 10 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds of the meta-model, across tasks.", DefaultValueFactory = _ => 5 };
        var c = new Option<double>("--c") { Description = "Inverse L2 strength of the meta-model (scikit-learn's C).", DefaultValueFactory = _ => 1.0 };
        var seed = new Option<ulong>("--seed") { Description = "Which tasks go to which fold.", DefaultValueFactory = _ => AnalysisDefaults.Seed };
        var signal = new Option<string?>("--signal") { Description = "The meta-model's signal: option_probability, verbal or sample_agreement (default: the one most questions have)." };
        var output = Out("confidence.json");
        var cmd = new Command("confidence", """
            Confidence against correctness, per signal (option probabilities or log-likelihoods, verbalised
            confidence, agreement across samples): AUROC, ECE with equal-width and equal-mass bins and the
            reliability diagram, the risk-coverage curve and AURC; and accuracy without labels: a logistic
            meta-model over each task's confidence profile, cross-validated across tasks, against the naive
            baseline (mean confidence).

            Examples:
              gaplens perception confidence --annotations valid_annotations.json --answers answers.json --confidence confidence.jsonl --out confidence/
              gaplens perception confidence --annotations valid_annotations.json --answers answers.json --confidence confidence.jsonl --signal verbal --folds 10 --out confidence/
            """)
        {
            annotations, answers, confidence, lenient, bins, folds, c, seed, signal, output,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new PerceptionConfidenceJob(), "perception confidence", () => new PerceptionConfidenceOptions(
            parse.GetValue(annotations)!, parse.GetValue(answers)!, parse.GetValue(confidence)!, parse.GetValue(output)!, parse.GetValue(lenient),
            parse.GetValue(bins), parse.GetValue(folds), parse.GetValue(c), parse.GetValue(seed), parse.GetValue(signal)), ct));
        return cmd;
    }
}
