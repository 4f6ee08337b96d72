using System.Collections.Immutable;
using GapLens.Core.Metrics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Multiple-choice scoring of one answers file against one annotation file. <paramref name="Top1"/> is
/// the starter kit's top-1 accuracy (correct / answered; higher is better) with a Wilson 95%
/// interval; in lenient mode <paramref name="Top1AllQuestions"/> also counts the unanswered questions
/// as wrong (null in official mode, where every question is answered). Categories follow the starter
/// kit (calc_top1_by_cat: areas derived from tags, reasoning types, tags; in its order, then any
/// category outside its lists). Tasks are ranked by the upper bound of their interval, lowest first.
/// <paramref name="Outcomes"/> holds every question, in annotation order.
/// </summary>
public sealed record McScoreResult(
    ScoringMode Mode,
    string AnnotationsPath,
    string AnswersPath,
    long Questions,
    long Answered,
    long Unanswered,
    long Correct,
    MetricValue Top1,
    MetricValue? Top1AllQuestions,
    ImmutableArray<CategoryAccuracy> Areas,
    ImmutableArray<CategoryAccuracy> ReasoningTypes,
    ImmutableArray<CategoryAccuracy> Tags,
    ImmutableArray<TaskAccuracy> Tasks,
    OptionBias OptionPositions,
    ImmutableArray<QuestionOutcome> Outcomes,
    ImmutableArray<string> Warnings);
