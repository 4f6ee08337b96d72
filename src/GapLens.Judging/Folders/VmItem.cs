namespace GapLens.Judging.Folders;

/// <summary>
/// One generated video to score, found under data/outputs/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/[&lt;run&gt;/].
/// Paths are null when the file is absent (a missing ground-truth frame is a skip, not an error).
/// </summary>
public sealed record VmItem(
    string Experiment,
    string Model,
    string TaskType,
    string TaskId,
    string RunDir,
    string? Video,
    string? FirstFrame,
    string? FinalFrame,
    string Prompt,
    string? Goal)
{
    /// <summary>task_type without its "_task" suffix (chess_task -> chess).</summary>
    public string Domain => TaskType.EndsWith("_task", StringComparison.Ordinal) ? TaskType[..^5] : TaskType;

    /// <summary>The pairing key of spec 02: (experiment, model, task_type, task_id).</summary>
    public (string, string, string, string) Key => (Experiment, Model, TaskType, TaskId);
}
