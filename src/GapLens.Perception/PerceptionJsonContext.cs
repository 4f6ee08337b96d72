using System.Text.Json.Serialization;
using GapLens.Perception.Attention;
using GapLens.Perception.Confidence;
using GapLens.Perception.Scoring;

namespace GapLens.Perception;

/// <summary>Source-generated serialisers for the result records (no reflection at run time: a cold
/// process writes the results without first building serialisers).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(McScoreResult))]
[JsonSerializable(typeof(McComparisonResult))]
[JsonSerializable(typeof(AttentionResult))]
[JsonSerializable(typeof(ConfidenceResult))]
internal sealed partial class PerceptionJsonContext : JsonSerializerContext;
