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
        var prepare = new Command("prepare", """
            Sample every video with ffmpeg into frames/<key>/frame_<N>.jpg and, with --image-model, compute
            the frame embeddings into embeddings/<key>.safetensors (the layout videoqa run reads).

            Resumable: a finished video is skipped, a half-written one is redone; a video that cannot be
            read is reported and the others go on (the run then exits 1 with the list). The run is
            recorded in <out>/_runs/.

            Examples:
              gaplens videoqa prepare --videos lvbench/videos --out lvbench/prepared --image-model siglip/vision_model.onnx
              gaplens videoqa prepare --videos clips/ --out prepared/ --fps 0.5
            """)
        {
            videos, output, fps, imageModel, threads, batch, dtype, concurrency, jpeg,
        };
        prepare.SetAction((parse, _) => host(parse).RunAsync(new PrepareVideosJob(), "videoqa prepare", () => new PrepareVideosOptions(
            parse.GetValue(videos)!, parse.GetValue(output)!, parse.GetValue(fps), parse.GetValue(imageModel), parse.GetValue(threads),
            parse.GetValue(batch), parse.GetValue(dtype)!, parse.GetValue(concurrency), parse.GetValue(jpeg)), ct));
        return new Command("videoqa", "Agentic long-video QA: prepare frames and embeddings (more verbs: see --help).") { prepare };
    }
}
