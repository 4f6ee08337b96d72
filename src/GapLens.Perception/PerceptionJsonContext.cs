using System.Text.Json.Serialization;
using GapLens.Perception.Attention;
using GapLens.Perception.Confidence;
using GapLens.Perception.Scoring;

namespace GapLens.Perception;

/// <summary>Source-generated metadata of the result records (no reflection at run time: a cold
/// process writes the results without first building serialisers). The naming and number rules come
/// from <see cref="IO.Json.GapLensJson"/> (<see cref="PerceptionJson.Options"/>).</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(McScoreResult))]
[JsonSerializable(typeof(McComparisonResult))]
[JsonSerializable(typeof(AttentionResult))]
[JsonSerializable(typeof(ConfidenceResult))]
internal sealed partial class PerceptionJsonContext : JsonSerializerContext;
