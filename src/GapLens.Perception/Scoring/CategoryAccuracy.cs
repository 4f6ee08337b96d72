using GapLens.Core.Metrics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Top-1 accuracy of one category (higher is better) with its Wilson 95% interval: correct / answered
/// questions in it, as calc_top1_by_cat computes it. Undefined (null, with the reason) when the
/// category has no answered question (the starter kit divides 0 by 0 there and reports NaN).
/// <paramref name="InTaxonomy"/> is false for a tag or reasoning type outside the starter kit's lists
/// (the starter kit would stop with a KeyError on it; GapLens counts it and warns).
/// </summary>
public sealed record CategoryAccuracy(string Name, CategoryKind Kind, bool InTaxonomy, long Correct, long Answered, MetricValue Accuracy);
