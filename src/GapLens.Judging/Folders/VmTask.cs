namespace GapLens.Judging.Folders;

/// <summary>
/// One task folder of VMEvalKit's outputs, data/outputs/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/,
/// found by listing folders only (nothing in it is read yet): <see cref="VmOutputs.ReadTask"/> reads it.
/// </summary>
public sealed record VmTask(string Experiment, string Model, string TaskType, string TaskId, string Dir);
