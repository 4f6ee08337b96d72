using System.CommandLine;
using GapLens.Cli.Hosting;
using GapLens.Jobs.VideoQa;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens videoqa prepare|...</c>: agentic long-video QA evaluation.</summary>
internal static class VideoQaCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var videos = new Option<string>("--videos") { Description = "Folder of videos (one file each; the key is the file name without its extension).", Required = true };
        var output = new Option<string>("--out") { Description = "Output folder: frames/<key>/frame_<N>.jpg and embeddings/<key>.safetensors.", Required = true };
        var fps = NumberOptions.Double("--fps", "Frames sampled per second; frame N shows t = N / fps (at 1, N is the second).", 1, PrepareVideosOptions.FpsRange);
        var imageModel = new Option<string?>("--image-model") { Description = "SigLIP vision tower exported to ONNX (see docs/videoqa.md); without it only frames are extracted." };
        var threads = NumberOptions.Int("--threads", "ONNX Runtime intra-op threads.", 0, PrepareVideosOptions.ThreadsRange);
        var batch = NumberOptions.Int("--batch", "Frames per encoder call.", 32, PrepareVideosOptions.BatchRange);
        var dtype = new Option<string>("--dtype") { Description = "Stored embeddings: float32, float16 or bfloat16 (half the size).", DefaultValueFactory = _ => "float32" };
        var concurrency = NumberOptions.Int("--concurrency", "Videos processed at once.", 1, PrepareVideosOptions.ConcurrencyRange);
        var jpeg = NumberOptions.Int("--jpeg-quality", "ffmpeg JPEG quality.", 2, PrepareVideosOptions.JpegQualityRange);
        var maxSide = NumberOptions.NullableInt("--max-side", "Scale frames larger than this many pixels on their longest side down as they are extracted (aspect kept). Give the --image-max-side you will run with: frames that already fit are sent as they are, with no decode and re-encode per request.", PrepareVideosOptions.MaxSideRange);
        var prepUrl = new Option<string?>("--embeddings-url") { Description = "An OpenAI-compatible /v1/embeddings endpoint that embeds images sent as data URLs, instead of --image-model." };
        var prepModel = new Option<string?>("--embeddings-model") { Description = "Model id at --embeddings-url (default: its first listed model)." };
        var prepKey = new Option<string>("--embeddings-api-key-env") { Description = "Environment variable holding the key of --embeddings-url (never printed or written).", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var prepare = new Command("prepare", """
            Sample every video with ffmpeg into frames/<key>/frame_<N>.jpg and, with --image-model (or
            --embeddings-url), compute the frame embeddings into embeddings/<key>.safetensors (the layout
            videoqa run reads).

            Resumable: a finished video is skipped, a half-written one is redone; a video that cannot be
            read is reported and the others go on (the run then exits 1 with the list). The run is
            recorded in <out>/_runs/.

            Examples:
              gaplens videoqa prepare --videos lvbench/videos --out lvbench/prepared --image-model siglip/vision_model.onnx
              gaplens videoqa prepare --videos clips/ --out prepared/ --fps 0.5
              gaplens videoqa prepare --videos clips/ --out prepared/ --max-side 448 --image-model siglip/vision_model.onnx
              gaplens videoqa prepare --videos clips/ --out prepared/ --embeddings-url http://127.0.0.1:8000/v1 --embeddings-model siglip
            """)
        {
            videos, output, fps, imageModel, threads, batch, dtype, concurrency, jpeg, prepUrl, prepModel, prepKey, maxSide,
        };
        prepare.SetAction((parse, _) => host(parse).RunAsync(new PrepareVideosJob(), "videoqa prepare", () => new PrepareVideosOptions(
            parse.GetValue(videos)!, parse.GetValue(output)!, parse.GetValue(fps), parse.GetValue(imageModel), parse.GetValue(threads),
            parse.GetValue(batch), parse.GetValue(dtype)!, parse.GetValue(concurrency), parse.GetValue(jpeg),
            parse.GetValue(prepUrl), parse.GetValue(prepModel), parse.GetValue(prepKey)!, parse.GetValue(maxSide)), ct));
        return new Command("videoqa", "Agentic long-video QA: prepare frames and embeddings, run the agent, metrics and report.") { prepare, Run(host, ct), Metrics(host, ct) };
    }

    private static Command Run(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var data = new Option<string>("--data") { Description = "The questions: a JSON array of {key, uid, question, answer, video_info, question_type, time_reference} or LVBench's video_info.meta.jsonl.", Required = true };
        var frames = new Option<string>("--frames") { Description = "Frames root: <frames>/<key>/frame_<N>.jpg (videoqa prepare's frames/).", Required = true };
        var embeddings = new Option<string>("--embeddings") { Description = "Frame embeddings: <embeddings>/<key>.safetensors, .pt or .npy (videoqa prepare's embeddings/).", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "The model's OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:23333/v1 (vLLM, lmdeploy).", Required = true };
        var model = new Option<string?>("--model") { Description = "Model id (default: the first id of GET /v1/models)." };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "Environment variable holding the API key (never printed or written).", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var output = new Option<string>("--out") { Description = "Run folder: results.jsonl, errors.jsonl, _runs/, report/. A rerun into it resumes.", Required = true };
        var concurrency = NumberOptions.Int("--concurrency", "Questions in flight at once.", 8, RunVideoQaOptions.ConcurrencyRange);
        var maxRounds = NumberOptions.Int("--max-rounds", "Model replies that may call tools; then one more call asks for the answer.", 10, RunVideoQaOptions.MaxRoundsRange);
        var topK = NumberOptions.Int("--top-k", "Frames returned by get_frames_by_similarity.", 5, RunVideoQaOptions.TopKRange);
        var imageMaxSide = NumberOptions.NullableInt("--image-max-side", "Scale frames down to this many pixels on their longest side before sending (JPEG; fewer tokens).", RunVideoQaOptions.ImageMaxSideRange);
        var jpegQuality = NumberOptions.Int("--jpeg-quality", "JPEG quality of frames re-encoded for --image-max-side.", 90, RunVideoQaOptions.JpegQualityRange);
        var frameLabels = new Option<bool>("--frame-labels") { Description = "Put \"Frame <id>:\" before each frame sent (the reference sends the images alone)." };
        var fps = new Option<double?>("--fps") { Description = "The frames' sampling rate (frame_<N> shows t = N / fps). Default: the embeddings files' fps (videoqa prepare records it), else 1." };
        var textModel = new Option<string?>("--text-model") { Description = "SigLIP's text tower in ONNX, for get_frames_by_similarity (with --tokenizer; see docs/videoqa.md)." };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "SigLIP's spiece.model (with --text-model)." };
        var padding = new Option<string>("--text-padding") { Description = "max_length (64 tokens, as SigLIP was trained) or longest (the reference script).", DefaultValueFactory = _ => "max_length" };
        var threads = NumberOptions.Int("--threads", "ONNX Runtime intra-op threads of the text tower.", 0, RunVideoQaOptions.ThreadsRange);
        var embeddingsUrl = new Option<string?>("--embeddings-url") { Description = "An OpenAI-compatible /v1/embeddings endpoint for the similarity queries, instead of --text-model." };
        var embeddingsModel = new Option<string?>("--embeddings-model") { Description = "Model id at --embeddings-url (default: its first listed model)." };
        var embeddingsKey = new Option<string>("--embeddings-api-key-env") { Description = "Environment variable holding the key of --embeddings-url.", DefaultValueFactory = _ => "OPENAI_API_KEY" };
        var strict = new Option<bool>("--strict") { Description = "Stop (exit 2) when the data has problems (duplicate uid, an answer that is not an option, no frames for a video) instead of leaving those questions out." };
        var timeout = NumberOptions.Double("--timeout", "Seconds per model request before it counts as a timeout (retried).", 120, RunVideoQaOptions.TimeoutRange);
        var retries = NumberOptions.Int("--retries", "Retries on dropped connections, 429 and 5xx (backoff with jitter, Retry-After honoured up to --max-wait).", 5, RunVideoQaOptions.RetriesRange);
        var maxWait = NumberOptions.Double("--max-wait", "Longest wait before a retry in seconds, a server's Retry-After included.", 60, RunVideoQaOptions.MaxWaitRange);
        var tolerance = new Option<double>("--tolerance") { Description = "Seconds around the reference window within which a retrieved frame is a hit.", DefaultValueFactory = _ => VideoQaMetricsOptions.DefaultToleranceSeconds };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report/ at the end (videoqa metrics writes it from the results at any time)." };
        var cmd = new Command("run", """
            Run the agentic long-video QA evaluation: a VLM answers multiple-choice questions about
            long videos by calling two tools that return frames (get_frames_by_id, and
            get_frames_by_similarity: a text query against the frame embeddings), at most --max-rounds
            rounds, then one call asking for the answer. The answer is read from the fenced
            ```json {"answer": "X"}``` block, else "answer is X", else a lone letter; none or conflicting
            letters are "unanswered", never a guess.

            Writes <out>/results.jsonl (one line per answered question, appended as it ends: the
            conversation with frames by id, every tool call, the raw reply, parsed answer, tokens,
            latency) and <out>/errors.jsonl (failed attempts, with the error and its stack), then the
            report in <out>/report/. Rerunning into the same --out resumes: questions with a result are
            skipped, failed ones retried; a killed run loses at most the questions in flight.

            Examples:
              gaplens videoqa run --data lvbench/video_info.meta.jsonl --frames prepared/frames --embeddings prepared/embeddings \
                  --text-model siglip/text_model.onnx --tokenizer siglip/spiece.model \
                  --base-url http://127.0.0.1:23333/v1 --out runs/qwen --image-max-side 448
              OPENAI_API_KEY=... gaplens videoqa run --data data.json --frames f --embeddings e --embeddings-url https://api.example.com/v1 \
                  --base-url https://api.openai.com/v1 --model gpt-4o --out runs/gpt4o --concurrency 16
            """)
        {
            data, frames, embeddings, baseUrl, model, apiKeyEnv, output, concurrency, maxRounds, topK, imageMaxSide, jpegQuality, frameLabels, fps,
            textModel, tokenizer, padding, threads, embeddingsUrl, embeddingsModel, embeddingsKey, strict, timeout, retries, maxWait, tolerance, noReport,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new RunVideoQaJob(), "videoqa run", () => new RunVideoQaOptions(
            parse.GetValue(data)!, parse.GetValue(frames)!, parse.GetValue(embeddings)!, parse.GetValue(baseUrl)!, parse.GetValue(output)!)
        {
            Model = parse.GetValue(model),
            ApiKeyEnv = parse.GetValue(apiKeyEnv)!,
            Concurrency = parse.GetValue(concurrency),
            MaxRounds = parse.GetValue(maxRounds),
            TopK = parse.GetValue(topK),
            ImageMaxSide = parse.GetValue(imageMaxSide),
            JpegQuality = parse.GetValue(jpegQuality),
            FrameLabels = parse.GetValue(frameLabels),
            Fps = parse.GetValue(fps),
            TextModel = parse.GetValue(textModel),
            Tokenizer = parse.GetValue(tokenizer),
            TextPadding = parse.GetValue(padding)!,
            Threads = parse.GetValue(threads),
            EmbeddingsUrl = parse.GetValue(embeddingsUrl),
            EmbeddingsModel = parse.GetValue(embeddingsModel),
            EmbeddingsApiKeyEnv = parse.GetValue(embeddingsKey)!,
            Strict = parse.GetValue(strict),
            TimeoutSeconds = parse.GetValue(timeout),
            Retries = parse.GetValue(retries),
            MaxWaitSeconds = parse.GetValue(maxWait),
            ToleranceSeconds = parse.GetValue(tolerance),
            NoReport = parse.GetValue(noReport),
        }, ct));
        return cmd;
    }

    private static Command Metrics(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var results = new Option<string>("--results") { Description = "A videoqa run folder (its --out) or its results.jsonl.", Required = true };
        var output = new Option<string?>("--out") { Description = "Report folder (default: <results>/report)." };
        var compare = new Option<string?>("--compare") { Description = "Another run folder (or results.jsonl): pairs the runs by uid (McNemar, paired bootstrap, the questions that flipped)." };
        var tolerance = new Option<double>("--tolerance") { Description = "Seconds around the reference window within which a retrieved frame is a hit.", DefaultValueFactory = _ => VideoQaMetricsOptions.DefaultToleranceSeconds };
        var frames = new Option<string?>("--frames") { Description = "Frames root for the thumbnails, when the frame folders recorded in the results moved." };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples of the paired difference (--compare).", DefaultValueFactory = _ => GapLens.Core.AnalysisDefaults.Resamples };
        var seed = new Option<ulong>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => GapLens.Core.AnalysisDefaults.Seed };
        var cmd = new Command("metrics", """
            Recompute every metric of a videoqa run from its results.jsonl alone and write the report:
            accuracy over answered (LVBench's definition) and over all with the unanswered rate, per
            question type (a question counts for each of its types), per video, length and genre, tool
            use, tokens and latency percentiles, and retrieval against time_reference (frames inside
            the window, hit with --tolerance, rank of the first hit, accuracy after a hit or a miss),
            every rate with its Wilson 95% interval; a timeline of where the agent looked and a gallery
            of the wrong answers with their frames. Writes report.html, report.md, report.json,
            figures/, thumbs/, tables/*.csv and samples.jsonl.

            Examples:
              gaplens videoqa metrics --results runs/qwen
              gaplens videoqa metrics --results runs/qwen --compare runs/gpt4o --out runs/qwen-vs-gpt4o
            """)
        {
            results, output, compare, tolerance, frames, resamples, seed,
        };
        cmd.SetAction((parse, _) => host(parse).RunAsync(new VideoQaMetricsJob(), "videoqa metrics", () => new VideoQaMetricsOptions(
            parse.GetValue(results)!, parse.GetValue(output), parse.GetValue(compare), parse.GetValue(tolerance), parse.GetValue(frames),
            parse.GetValue(resamples), parse.GetValue(seed)), ct));
        return cmd;
    }
}
