namespace GapLens.IO.Documents;

/// <summary>One VMEvalKit per-item score file (data/evaluations/&lt;evaluator&gt;/.../&lt;Evaluator&gt;.json).</summary>
public sealed record ScoreFileDocument(ScoreMetadataDocument Metadata, ScoreResultDocument Result);
