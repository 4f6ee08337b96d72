namespace GapLens.Video.Encoders;

/// <summary>How an ONNX tower runs.</summary>
/// <param name="IntraOpThreads">ONNX Runtime threads inside one run; 0 = its default (one per core).</param>
/// <param name="MaxBatchSize">Texts or images per run.</param>
/// <param name="InputName">The model input: "input_ids" (int64 [batch, sequence]) for the text tower,
/// "pixel_values" (float [batch, 3, 384, 384]) for the vision tower; null = that default.</param>
/// <param name="OutputName">The embedding output, float [batch, dim]: SigLIP's "pooler_output".</param>
public sealed record OnnxEncoderOptions(int IntraOpThreads = 0, int MaxBatchSize = 32, string? InputName = null, string OutputName = "pooler_output");
