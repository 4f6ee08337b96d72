using GapLens.Core.Metrics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// One option position (0, 1 or 2) over the answered questions: how often the model chose it and how
/// often it is the correct option (a model without position bias chooses each about as often as it is
/// correct), and the accuracy on the questions whose correct option sits here (Wilson 95% interval).
/// </summary>
public sealed record OptionPositionStats(
    int Position, long TimesChosen, double? ChosenShare, long TimesCorrectOption, double? CorrectOptionShare, long CorrectWhenAnswerHere, MetricValue AccuracyWhenAnswerHere);
