using System.Text.Json.Serialization;

namespace GapLens.IO.Documents;

/// <summary>The "metadata" of a VMEvalKit score file.</summary>
public sealed record ScoreMetadataDocument(
    string Evaluator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Annotator,
    string Timestamp,
    string ModelName,
    string TaskType,
    string TaskId,
    string Experiment);
