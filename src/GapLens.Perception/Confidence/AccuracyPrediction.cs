using System.Collections.Immutable;
using GapLens.Core.Metrics;

namespace GapLens.Perception.Confidence;

/// <summary>
/// Accuracy without labels: a logistic regression over each task's confidence profile
/// (<paramref name="Features"/>, standardised on the training tasks) predicts the task's accuracy,
/// cross-validated over tasks in <paramref name="Folds"/> folds. Mean absolute errors over tasks
/// (Student-t 95% intervals; lower is better) for the meta-model and for the naive baseline (mean
/// confidence), also weighted by questions; the overall accuracy as predicted, naive and true.
/// <paramref name="Coefficients"/> and <paramref name="Intercept"/> are a model fitted on all tasks
/// (standardised features), for reading which features matter.
/// </summary>
public sealed record AccuracyPrediction(
    ConfidenceSignal Signal, ImmutableArray<string> Features, int Folds, double C, ulong Seed,
    ImmutableArray<TaskAccuracyEstimate> Tasks,
    MetricValue MeanAbsoluteError, MetricValue NaiveMeanAbsoluteError, double? WeightedMeanAbsoluteError, double NaiveWeightedMeanAbsoluteError,
    double TrueOverallAccuracy, double? PredictedOverallAccuracy, double NaiveOverallAccuracy,
    ImmutableArray<double> Coefficients, double? Intercept, string? UndefinedReason);
