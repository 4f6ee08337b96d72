using GapLens.Core.Json;

namespace GapLens.Core.Mining.Bcq;

/// <summary>An FP/FN case with the raw strings it was decided from (the evidence).</summary>
public sealed record BcqCase(long Index, string VideoId, BcqErrorType ErrorType, PyJsonValue Question, string GroundTruth, string Response);
