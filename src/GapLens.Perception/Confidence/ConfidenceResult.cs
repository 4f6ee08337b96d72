using System.Collections.Immutable;

namespace GapLens.Perception.Confidence;

/// <summary>
/// Confidence against correctness: per signal present, the analysis; and the meta-model that predicts
/// each task's accuracy from confidence alone (null when no signal has questions). Counts of the
/// answered questions with and without a confidence line, and of lines for unanswered questions.
/// </summary>
public sealed record ConfidenceResult(
    int Answered, int WithConfidence, int WithoutConfidence, int LinesForUnanswered,
    ImmutableArray<SignalAnalysis> Signals, AccuracyPrediction? MetaModel, ImmutableArray<string> Warnings);
