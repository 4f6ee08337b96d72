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
        var fps = new Option<double>("--fps") { Description = "Frames sampled per second; frame N shows t = N / fps (at 1, N is the second).", DefaultValueFactory = _ => 1 };
        var imageModel = new Option<string?>("--image-model") { Description = "SigLIP vision tower exported to ONNX (see docs/videoqa.md); without it only frames are extracted." };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: its default).", DefaultValueFactory = _ => 0 };
        var batch = new Option<int>("--batch") { Description = "Frames per encoder call.", DefaultValueFactory = _ => 32 };
        var dtype = new Option<string>("--dtype") { Description = "Stored embeddings: float32, float16 or bfloat16 (half the size).", DefaultValueFactory = _ => "float32" };
        var concurrency = new Option<int>("--concurrency") { Description = "Videos processed at once.", DefaultValueFactory = _ => 1 };
        var jpeg = new Option<int>("--jpeg-quality") { Description = "ffmpeg JPEG quality, 2 (best) to 31.", DefaultValueFactory = _ => 2 };
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
