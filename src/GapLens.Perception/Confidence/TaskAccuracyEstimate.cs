namespace GapLens.Perception.Confidence;

/// <summary>
/// One task's accuracy estimated without its labels: the meta-model's out-of-fold prediction (from a
/// model fitted on the other folds' tasks) and the naive estimate (the task's mean confidence), each
/// with its absolute error against the true accuracy (lower is better). The prediction is null with
/// the reason when its fold could not be fitted.
/// </summary>
public sealed record TaskAccuracyEstimate(
    string TaskId, string Question, int Questions, double TrueAccuracy, int Fold, double? Predicted, double? AbsoluteError,
    double NaiveEstimate, double NaiveAbsoluteError, string? UndefinedReason);
