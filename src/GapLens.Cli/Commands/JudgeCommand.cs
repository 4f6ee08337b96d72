using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.GapAnalysis;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens judge</c>: score every generated video of a VMEvalKit outputs folder.</summary>
internal static class JudgeCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var outputs = new Option<string>("--outputs") { Description = "VMEvalKit inference outputs (data/outputs).", Required = true };
        var evaluations = new Option<string>("--evaluations") { Description = "Where score files go (data/evaluations).", Required = true };
        var judge = new Option<string>("--judge") { Description = "Judge: pixel (offline SSIM reference judge).", DefaultValueFactory = _ => "pixel" };
        var concurrency = new Option<int>("--concurrency") { Description = "Items judged at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var cmd = new Command("judge", """
            Score generated videos the way VMEvalKit does (1-5 solution_correctness_score per item),
            reading data/outputs/<experiment>/<model>/<task_type>/<task_id>/ and writing one file per item
            to data/evaluations/<judge>/... (VMEvalKit's format). Resumable: completed items are kept,
            failed ones retried, skipped ones re-checked. Skipped and failed items are never scores.

            Judges:
              pixel   offline: SSIM between the video's last frame and the ground-truth final frame,
                      mapped to 1-5 by a per-task calibration table (no model, no network)

            Examples:
              gaplens judge --outputs data/outputs --evaluations data/evaluations --judge pixel
            """)
        {
            outputs, evaluations, judge, concurrency,
        };
        cmd.SetAction(parse =>
        {
            var h = host(parse);
            return h.Run("judge", "Judging", ctx =>
            {
                IJudge j = parse.GetValue(judge) switch
                {
                    "pixel" => new PixelJudge(),
                    var other => throw new UserInputException($"unknown judge '{other}'; available: pixel"),
                };
                var summary = JudgeRunner.RunAsync(j, new JudgeRunOptions(ctx.Absolute(parse.GetValue(outputs)!), ctx.Absolute(parse.GetValue(evaluations)!),
                    Math.Max(1, parse.GetValue(concurrency))), ctx.Log, (done, total, _, _) => ctx.Progress?.Invoke(done, total), ctx.Cancellation).GetAwaiter().GetResult();
                string line = $"{summary.Items} items: {summary.Scored} scored, {summary.AlreadyDone} already done, {summary.Skipped} skipped, {summary.Failed} failed";
                ctx.Log.Info(line);
                return JobOutcome.Ok([summary.ManifestPath], line);
            }, ct);
        });
        return cmd;
    }
}
