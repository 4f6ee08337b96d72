using System.Collections.Immutable;
using GapLens.Core.Json;
using GapLens.Core.Metrics;

namespace GapLens.Core.Mining.Bcq;

/// <summary>Statistics for one distinct <c>question</c> value, in order of first appearance.</summary>
public sealed record BcqQuestionStats(PyJsonValue Question, long FirstIndex, BcqGroupStats Stats);
