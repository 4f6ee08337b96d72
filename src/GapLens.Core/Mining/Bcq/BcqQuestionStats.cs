using GapLens.Core.Json;

namespace GapLens.Core.Mining.Bcq;

/// <summary>Statistics for one distinct <c>question</c> value, in order of first appearance.</summary>
public sealed record BcqQuestionStats(PyJsonValue Question, long FirstIndex, BcqGroupStats Stats);
