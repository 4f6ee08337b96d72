using GapLens.Core.Json;

namespace GapLens.Core.Mining.Bcq;

/// <summary>One item of a vlm_bcq predictions file: position (0-based), the fields the rule reads, and
/// the optional question (any JSON value, passed through; empty string when absent).</summary>
public sealed record Prediction(long Index, string VideoId, PyJsonValue Response, PyJsonValue GroundTruth, PyJsonValue Question);
