using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.Serve;
using GapLens.Web;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens serve</c>: the human scoring and review web app.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var outputs = new Option<string>("--outputs") { Description = "VMEvalKit inference outputs (data/outputs).", Required = true };
        var evaluations = new Option<string>("--evaluations") { Description = "Evaluations folder (data/evaluations): human scores go to human-eval/, judges' files are read for review.", Required = true };
        var hostName = new Option<string>("--host") { Description = "Address to listen on; anything but loopback requires an access token.", DefaultValueFactory = _ => ServeOptions.Loopback };
        var port = new Option<int?>("--port") { Description = $"Port (default {ServeOptions.DefaultPort}, or a free one when it is taken; 0: any free port)." };
        var token = new Option<string?>("--token") { Description = "Access token (16-256 URL-safe characters; or $GAPLENS_TOKEN); generated and printed once when listening off loopback without one." };
        var reviewToken = new Option<string?>("--review-token") { Description = "Reviewer token (16-256 URL-safe characters; or $GAPLENS_REVIEW_TOKEN): only its link opens Review and Progress, which show model names, judge scores and other annotators' answers. Generated and printed once whenever there is an access token and none is given." };
        var overlap = new Option<int>("--overlap") { Description = "How many different annotators score each item.", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the per-annotator shuffled orders.", DefaultValueFactory = _ => GapLens.Core.AnalysisDefaults.Seed };
        var lease = new Option<double>("--lease-minutes") { Description = "How long an item handed to a browser stays reserved without an answer.", DefaultValueFactory = _ => 30 };
        var cmd = new Command("serve", """
            Score generated videos by hand in the browser: Annotate, Review and Progress pages.

            Serves the items of a VMEvalKit outputs folder to annotators (blind by default, a shuffled
            queue per annotator, 1-5 or "unsure", frame stepping, keyboard shortcuts), keeps every
            submission in an append-only SQLite log in <evaluations>/human-eval/_store/, and rewrites each
            item's human-eval.json (VMEvalKit's format) after every submission. Existing human-eval.json
            files (e.g. from VMEvalKit's Gradio scorer) are imported on start. Ctrl+C stops it.

            Keyboard: 1-5 score, U unsure, Enter submit, left/right previous/next item,
            comma/period one frame back/forward, L last frame, Space play/pause.

            Examples:
              gaplens serve --outputs data/outputs --evaluations data/evaluations
              gaplens serve --outputs data/outputs --evaluations data/evaluations --overlap 2
              gaplens serve --outputs data/outputs --evaluations data/evaluations --host 0.0.0.0 --port 8080
            """)
        {
            outputs, evaluations, hostName, port, token, reviewToken, overlap, seed, lease,
        };
        cmd.SetAction((parse, _) =>
        {
            var h = host(parse);
            return h.RunAsync(new ServeJob(new ScoringWebHost(), h.Out), "serve", () =>
            {
                string? given = parse.GetValue(token);
                var o = new ServeOptions(
                    parse.GetValue(outputs)!, parse.GetValue(evaluations)!, parse.GetValue(hostName)!, parse.GetValue(port),
                    given ?? (Environment.GetEnvironmentVariable("GAPLENS_TOKEN") is { Length: > 0 } env ? env : null),
                    parse.GetValue(overlap), parse.GetValue(seed), parse.GetValue(lease), parse.GetValue(reviewToken))
                {
                    TokenOrigin = given is null ? "$GAPLENS_TOKEN" : "--token",
                };
                // $GAPLENS_REVIEW_TOKEN applies when there is an access token to go with it (a plain
                // loopback serve with it set in the environment is not an error; --review-token there is).
                return o.ReviewToken is null && (o.Token is not null || !o.IsLoopback)
                    && Environment.GetEnvironmentVariable("GAPLENS_REVIEW_TOKEN") is { Length: > 0 } rev ? o with { ReviewToken = rev, ReviewTokenOrigin = "$GAPLENS_REVIEW_TOKEN" } : o;
            }, ct);
        });
        return cmd;
    }
}
