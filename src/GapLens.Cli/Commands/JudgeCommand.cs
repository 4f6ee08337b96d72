using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.Judge;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens judge</c>: score every generated video of a VMEvalKit outputs folder.</summary>
internal static class JudgeCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var outputs = new Option<string>("--outputs") { Description = "VMEvalKit inference outputs (data/outputs).", Required = true };
        var evaluations = new Option<string>("--evaluations") { Description = "Where score files go (data/evaluations).", Required = true };
        var judge = new Option<string>("--judge") { Description = "Judge: pixel (offline reference judge) or openai (any OpenAI-compatible VLM endpoint).", DefaultValueFactory = _ => "pixel" };
        var concurrency = NumberOptions.Int("--concurrency", "Items judged at once (default: the number of cores).",
            Math.Min(Environment.ProcessorCount, JudgeOptions.MaxConcurrency), JudgeOptions.ConcurrencyRange);
        var baseUrl = new Option<string?>("--base-url") { Description = "openai: the endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:23333/v1 (lmdeploy, vLLM)." };
        var model = new Option<string?>("--model") { Description = "openai: model id (default: the first id of GET /v1/models)." };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "openai: environment variable holding the API key (never printed or written).", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var timeout = NumberOptions.Double("--timeout", "openai: seconds per request before it counts as a timeout (retried).", 120, JudgeOptions.TimeoutRange);
        var retries = NumberOptions.Int("--retries", "openai: retries on 429, 5xx and timeouts (exponential backoff with jitter, Retry-After honoured).", 5, JudgeOptions.RetriesRange);
        var guidance = new Option<string?>("--guidance") { Description = "openai: extra 'task_type: guidance' lines over the built-in table." };
        var voteFrames = NumberOptions.Int("--vote-frames", "Multi-frame mode: judge this many frames of the last --vote-seconds separately and vote; low agreement sets needs_review.", 1, JudgeOptions.VoteFramesRange);
        var voteSeconds = NumberOptions.Double("--vote-seconds", "Span of the voted frames, in seconds from the end.", 1.0, JudgeOptions.VoteSecondsRange);
        var noCache = new Option<bool>("--no-cache") { Description = "openai: do not reuse cached replies (evaluations/_cache, keyed by endpoint, model, prompt and images)." };
        var evaluator = new Option<string?>("--evaluator") { Description = "Evaluator folder name under --evaluations (default: pixel-eval, or <model>-eval from the model id)." };
        var rejudge = new Option<bool>("--rejudge") { Description = "Score again the items another judge (other model, prompt or calibration) completed in the evaluator folder; without it they stop the run." };
        var totalTimeout = NumberOptions.NullableDouble("--total-timeout", "openai: seconds per item across all retries.", JudgeOptions.TotalTimeoutRange);
        var maxWait = NumberOptions.Double("--max-wait", "openai: longest wait between retries in seconds, a server's Retry-After included.", 60, JudgeOptions.MaxWaitRange);
        var maxReply = NumberOptions.Long("--max-reply-bytes", "openai: largest reply read; a longer one fails that item.", 16L << 20, JudgeOptions.MaxReplyBytesRange);
        var cmd = new Command("judge", """
            Score generated videos VMEvalKit-style: a 1-5 score per item from a pixel or VLM judge.

            Reads data/outputs/<experiment>/<model>/<task_type>/<task_id>/ and writes one file per item
            to data/evaluations/<evaluator>/... (VMEvalKit's format, with the judge's identity recorded).
            Resumable: items this judge completed are kept, failed ones retried, skipped ones re-checked;
            items another judge completed in the same folder stop the run (use --evaluator or --rejudge).
            Skipped and failed items are never scores. A run where every attempted item failed exits 1;
            an endpoint that refuses the key or cannot be reached stops the run with exit 2.

            Judges:
              pixel   offline: how far the video's last frame got from the first frame to the
                      ground-truth final frame, mapped to 1-5 by a per-task calibration (no model)
              openai  any OpenAI-compatible chat endpoint with image input (GPT-4o, InternVL via
                      lmdeploy, Qwen-VL via vLLM): first frame, expected final frame and last frame
                      as PNG, temperature 0; strict JSON parsing; retries; a reply cache

            Examples:
              gaplens judge --outputs data/outputs --evaluations data/evaluations --judge pixel
              OPENAI_API_KEY=... gaplens judge --outputs data/outputs --evaluations data/evaluations --judge openai --base-url https://api.openai.com/v1 --model gpt-4o
              gaplens judge --outputs data/outputs --evaluations data/evaluations --judge openai --base-url http://127.0.0.1:23333/v1 --concurrency 16
            """)
        {
            outputs, evaluations, judge, concurrency, baseUrl, model, apiKeyEnv, timeout, retries, guidance, noCache, voteFrames, voteSeconds,
            evaluator, rejudge, totalTimeout, maxWait, maxReply,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new JudgeJob(), "judge", () => new JudgeOptions(
            parse.GetValue(outputs)!, parse.GetValue(evaluations)!, parse.GetValue(judge)!, parse.GetValue(concurrency),
            parse.GetValue(baseUrl), parse.GetValue(model), parse.GetValue(apiKeyEnv)!, parse.GetValue(timeout), parse.GetValue(retries),
            parse.GetValue(guidance), parse.GetValue(noCache), parse.GetValue(voteFrames), parse.GetValue(voteSeconds),
            parse.GetValue(evaluator), parse.GetValue(rejudge), parse.GetValue(totalTimeout), parse.GetValue(maxWait), parse.GetValue(maxReply)), ct));
        return cmd;
    }
}
