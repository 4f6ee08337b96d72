using GapLens.Core;
using Microsoft.ML.OnnxRuntime;

namespace GapLens.Video.Encoders;

/// <summary>
/// One ONNX Runtime session for a SigLIP tower: checks its input and output names and types when
/// loaded (user errors naming the file), runs a batch and returns L2-normalised rows of the embedding
/// output. InferenceSession.Run is thread-safe, so one tower serves every caller of a process.
/// </summary>
internal sealed class OnnxTower : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    private OnnxTower(InferenceSession session, string path, string input, string output, int? dimension)
    {
        _session = session;
        Path = path;
        _input = input;
        _output = output;
        Dimension = dimension;
    }

    public string Path { get; }

    /// <summary>The embedding size when the model declares it.</summary>
    public int? Dimension { get; }

    public static OnnxTower Load(string path, string input, Type inputType, string output, int intraOpThreads, string what)
    {
        using (IO.Files.InputFile.OpenForReading(path, what, "an .onnx model file")) { }
        var so = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(0, intraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, so);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new UserInputException($"{what} {path} is not a loadable ONNX model: {FirstLine(ex.Message)}");
        }
        finally
        {
            so.Dispose();
        }
        try
        {
            var inputs = session.InputMetadata;
            if (!inputs.TryGetValue(input, out var meta))
                throw new UserInputException($"{what} {path} has inputs {string.Join(", ", inputs.Keys)}; expected \"{input}\" (see docs/videoqa.md for the export)");
            if (meta.ElementType != inputType)
                throw new UserInputException($"{what} {path}: input \"{input}\" is {meta.ElementType.Name}; expected {inputType.Name}");
            var extra = inputs.Keys.Where(k => k != input).ToList();
            if (extra.Count > 0)
                throw new UserInputException($"{what} {path} needs inputs {string.Join(", ", extra)} besides \"{input}\"; export the tower with \"{input}\" as its only input (see docs/videoqa.md)");
            if (!session.OutputMetadata.TryGetValue(output, out var outMeta))
                throw new UserInputException($"{what} {path} has outputs {string.Join(", ", session.OutputMetadata.Keys)}; expected \"{output}\"");
            if (outMeta.ElementType != typeof(float) || outMeta.Dimensions.Length != 2)
                throw new UserInputException($"{what} {path}: output \"{output}\" must be float [batch, dim]; it is {outMeta.ElementType.Name} of rank {outMeta.Dimensions.Length}");
            int d = outMeta.Dimensions[1];
            return new OnnxTower(session, path, input, output, d > 0 ? d : null);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs one batch; returns one unit vector per row of the output.</summary>
    public float[][] Run<T>(T[] input, long[] shape, CancellationToken ct)
        where T : unmanaged
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var options = new RunOptions();
        using var registration = ct.Register(() => options.Terminate = true);
        ct.ThrowIfCancellationRequested();
        using var results = _session.Run(options, [_input], [value], [_output]);
        ct.ThrowIfCancellationRequested();
        var output = results[0];
        long[] outShape = output.GetTensorTypeAndShape().Shape;
        if (outShape.Length != 2 || outShape[0] != shape[0]) throw new UserInputException($"{Path}: output \"{_output}\" has shape [{string.Join(", ", outShape)}] for a batch of {shape[0]}");
        var data = output.GetTensorDataAsSpan<float>();
        int dim = (int)outShape[1];
        var rows = new float[shape[0]][];
        for (int i = 0; i < rows.Length; i++) rows[i] = Vectors.Normalized(data.Slice(i * dim, dim), Path);
        return rows;
    }

    /// <summary>Runs batches of at most <paramref name="maxBatch"/> items, built by <paramref name="build"/>.</summary>
    public IReadOnlyList<float[]> RunBatches<T>(int count, int maxBatch, Func<int, int, (T[] Input, long[] Shape)> build, CancellationToken ct)
        where T : unmanaged
    {
        var all = new List<float[]>(count);
        for (int start = 0; start < count; start += maxBatch)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(maxBatch, count - start);
            var (input, shape) = build(start, n);
            all.AddRange(Run(input, shape, ct));
        }
        return all;
    }

    public void Dispose() => _session.Dispose();

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? s : s[..nl];
    }
}
