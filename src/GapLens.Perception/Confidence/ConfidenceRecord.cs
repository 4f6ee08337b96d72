using System.Collections.Immutable;

namespace GapLens.Perception.Confidence;

/// <summary>
/// One line of a confidence file: the question and whichever signals it gives. Option probabilities
/// are normalised to sum to 1 (log-likelihoods arrive here already through a softmax).
/// </summary>
public sealed record ConfidenceRecord(string VideoId, int QuestionId, int Line, ImmutableArray<double>? OptionProbabilities, double? Verbal, ImmutableArray<int>? Samples);
