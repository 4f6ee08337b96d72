namespace GapLens.IO.Documents;

/// <summary>
/// One annotator's latest answer on an item, listed under "annotations" in the result of a
/// human-eval.json that GapLens writes (its multi-annotator extension; VMEvalKit's tools read the
/// top-level score and ignore this key). The score is null when the annotator marked the item unsure.
/// </summary>
public sealed record HumanAnnotationDocument(
    string Annotator,
    int? SolutionCorrectnessScore,
    bool Unsure,
    string Comments,
    string Timestamp,
    string Source);
