using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>stats.json of <c>analyze stats</c> (format gaplens.analyze.stats/1): judge vs human agreement. Differences are judge - human.</summary>
public sealed record StatsDocument(
    string JudgeDir,
    string HumanDir,
    double PassAtOrAbove,
    PairedItemsDocument Items,
    RaterDocument Judge,
    RaterDocument Human,
    TestDocument PairedT,
    TestDocument Wilcoxon,
    TestDocument Pearson,
    TestDocument Spearman,
    TestDocument KendallTauB,
    AgreementDocument CohenKappa,
    AgreementDocument CohenKappaLinear,
    AgreementDocument CohenKappaQuadratic,
    AgreementDocument KrippendorffAlphaOrdinal,
    AgreementDocument KrippendorffAlphaInterval,
    PassFailDocument PassFail,
    BootstrapDocument MeanDifferencePercentile,
    BootstrapDocument MeanDifferenceBca,
    double EquivalenceMargin,
    double EquivalenceAlpha,
    TestDocument EquivalenceTost,
    bool? EquivalentWithinMargin,
    ImmutableArray<LearningPointDocument> LearningCurve,
    ImmutableArray<TaskTypeAgreementDocument> ByTaskType)
{
    public string Format { get; init; } = "gaplens.analyze.stats/1";

    public string Difference { get; init; } = "judge - human";

    /// <summary>Agreement among the annotators and of the judge with each of them; null when the human
    /// files do not name their annotators.</summary>
    public AnnotatorsDocument? Annotators { get; init; }
}
