using System.Globalization;

/// <summary>
/// The videos and the scripted agent's choices of the <c>videoqa-run</c> bench, made the same in the
/// client and the server process from a seed, so that the frames a question gets are what a
/// similarity search over real-looking embeddings returns, not a fixed list (a cache would show
/// everything) nor a uniform draw (it would show nothing).
/// <para>LVBench's shape: 15 questions per video (1,549 / 103), in file order (grouped by video); one
/// frame a second of a 68-minute video (4,080 frames). A video is a run of scenes (mean 20 s); each scene
/// shows one of 30 settings (a studio, a pitch, a street...), the popular ones recurring through the video
/// (Zipf weights); a frame's embedding is its setting, plus its scene's own look, plus frame noise
/// (d = 32, unit length). A question is about one moment (uniform over the video). Its rounds: (1) a
/// similarity query describing that moment (the moment's scene plus query noise: a loose
/// description), (2) frames by id around the best hit of (1) (hit - 2 .. hit + 2), (3) a second
/// similarity query: half the time the same moment rephrased, half the time another moment of the
/// question (questions about a sequence or a summary), (4) frames by id around its best hit.
/// Frames repeat within a question (the by-id window holds the hit) and across questions on a video
/// (queries about a popular setting meet the same hub frames).</para>
/// </summary>
internal sealed class VideoQaBenchWorld
{
    public const int QuestionsPerVideo = 15, FramesPerVideo = 4080, Dim = 32, Settings = 30;
    private const double SceneMean = 20, SceneLook = 0.6, FrameNoise = 0.35, QueryNoise = 0.9;

    private readonly int _seed;
    private readonly Dictionary<int, (float[] Frames, float[] Scenes, int[] SceneOf)> _videos = [];
    private readonly Lock _gate = new();

    public VideoQaBenchWorld(int seed) => _seed = seed;

    public static int VideoOf(int question) => question / QuestionsPerVideo;

    /// <summary>The moment (frame number) question <paramref name="q"/> is about, and the one its second query looks for.</summary>
    public (int First, int Second) Moments(int q)
    {
        var rng = new Random(_seed * 7919 + q * 31 + 1);
        int first = rng.Next(FramesPerVideo);
        return (first, rng.NextDouble() < 0.5 ? first : rng.Next(FramesPerVideo));
    }

    /// <summary>Unit-length frame embeddings of a video, row-major (frames x <see cref="Dim"/>).</summary>
    public float[] Embeddings(int video) => Video(video).Frames;

    public static string QueryText(int q, int round) => string.Create(CultureInfo.InvariantCulture, $"question {q} round {round}: what happens at this moment");

    /// <summary>The text encoder of the bench: the vector of a <see cref="QueryText"/>.</summary>
    public float[] Embed(string text)
    {
        var parts = text.Split(' ');
        int q = int.Parse(parts[1], CultureInfo.InvariantCulture), round = int.Parse(parts[3].TrimEnd(':'), CultureInfo.InvariantCulture);
        var (first, second) = Moments(q);
        var (_, scenes, sceneOf) = Video(VideoOf(q));
        int scene = sceneOf[round == 1 ? first : second];
        var rng = new Random(_seed * 104729 + q * 17 + round);
        var v = new float[Dim];
        for (int d = 0; d < Dim; d++) v[d] = scenes[scene * Dim + d] + (float)(Gaussian(rng) * QueryNoise / Math.Sqrt(Dim));
        Normalize(v);
        return v;
    }

    /// <summary>The frame id (1-based) that a similarity search for <paramref name="query"/> ranks first.</summary>
    public int TopHitId(int video, float[] query)
    {
        var frames = Video(video).Frames;
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int f = 0; f < FramesPerVideo; f++)
        {
            double s = 0;
            for (int d = 0; d < Dim; d++) s += frames[f * Dim + d] * query[d];
            if (s > bestScore) (best, bestScore) = (f, s);
        }
        return best + 1;
    }

    /// <summary>Five ids centred on <paramref name="id"/>, moved to stay within the video.</summary>
    public static int[] Around(int id)
    {
        int start = Math.Clamp(id - 2, 1, FramesPerVideo - 4);
        return [start, start + 1, start + 2, start + 3, start + 4];
    }

    private (float[] Frames, float[] Scenes, int[] SceneOf) Video(int video)
    {
        lock (_gate)
        {
            if (_videos.TryGetValue(video, out var made)) return made;
            var rng = new Random(_seed * 1_000_003 + video);
            var settings = new float[Settings * Dim];
            for (int i = 0; i < settings.Length; i++) settings[i] = (float)Gaussian(rng);
            for (int s = 0; s < Settings; s++) Normalize(settings.AsSpan(s * Dim, Dim));
            double[] weights = [.. Enumerable.Range(1, Settings).Select(k => 1.0 / k)];
            double total = weights.Sum();
            var sceneOf = new int[FramesPerVideo];
            var scenes = new List<float>();
            int sceneCount = 0;
            for (int f = 0; f < FramesPerVideo;)
            {
                int length = 1 + (int)(-Math.Log(1 - rng.NextDouble()) * (SceneMean - 1));
                double pick = rng.NextDouble() * total;
                int setting = 0;
                while (setting < Settings - 1 && (pick -= weights[setting]) > 0) setting++;
                var look = new float[Dim];
                for (int d = 0; d < Dim; d++) look[d] = settings[setting * Dim + d] + (float)(Gaussian(rng) * SceneLook / Math.Sqrt(Dim));
                Normalize(look);
                scenes.AddRange(look);
                for (int k = 0; k < length && f < FramesPerVideo; k++, f++) sceneOf[f] = sceneCount;
                sceneCount++;
            }
            var sceneVectors = scenes.ToArray();
            var frames = new float[FramesPerVideo * Dim];
            for (int f = 0; f < FramesPerVideo; f++)
            {
                var row = frames.AsSpan(f * Dim, Dim);
                for (int d = 0; d < Dim; d++) row[d] = sceneVectors[sceneOf[f] * Dim + d] + (float)(Gaussian(rng) * FrameNoise / Math.Sqrt(Dim));
                Normalize(row);
            }
            made = (frames, sceneVectors, sceneOf);
            _videos[video] = made;
            return made;
        }
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static void Normalize(Span<float> v)
    {
        double n = 0;
        foreach (float x in v) n += x * x;
        float inv = (float)(1 / Math.Sqrt(n));
        for (int i = 0; i < v.Length; i++) v[i] *= inv;
    }
}
