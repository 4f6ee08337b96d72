using System.Text.Json;

namespace GapLens.IO.Documents;

/// <summary>
/// The counts and metrics of one group of vlm_bcq samples (the whole file, or one distinct question).
/// <see cref="Question"/> is the question value as given (any JSON; absent for the whole file).
/// </summary>
public sealed record BcqGroupDocument(
    JsonElement? Question,
    long? FirstIndex,
    long Samples,
    long Classified,
    long Errors,
    ConfusionDocument ConfusionMatrix,
    Dictionary<string, long> Skipped,
    Dictionary<string, MetricDocument> Metrics);
