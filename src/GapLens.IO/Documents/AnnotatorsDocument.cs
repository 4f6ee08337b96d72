using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>
/// The multi-annotator part of stats.json (when the human files name their annotators): how many
/// annotators, how many items two or more of them scored, Krippendorff's alpha between them (ordinal
/// with a bootstrap interval over items, and interval), and the judge against each annotator. The judge
/// against the humans' consensus is the main part of the file (the consensus is each file's score).
/// </summary>
public sealed record AnnotatorsDocument(
    int Annotators,
    int ItemsWithTwoOrMore,
    AgreementDocument KrippendorffAlphaOrdinal,
    BootstrapDocument KrippendorffAlphaOrdinalBootstrap,
    AgreementDocument KrippendorffAlphaInterval,
    ImmutableArray<AnnotatorAgreementDocument> JudgeVsAnnotator);
