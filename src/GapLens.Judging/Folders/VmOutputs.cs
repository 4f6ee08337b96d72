using System.Text.Json;
using GapLens.Core;

namespace GapLens.Judging.Folders;

/// <summary>
/// Reads VMEvalKit's inference outputs: data/outputs/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/,
/// each task holding its run directories (the newest by modification time is used) or, flat, the run
/// files themselves (a video/ folder directly in the task dir). Items come sorted by their key.
/// </summary>
public static class VmOutputs
{
    public static IReadOnlyList<VmItem> Scan(string outputsRoot) =>
        [.. ListTasks(outputsRoot).Select(ReadTask).OfType<VmItem>().OrderBy(i => i.Key)];

    /// <summary>
    /// Every task folder, by listing the four folder levels only (sorted by name at each level): cheap
    /// even for tens of thousands of items, because nothing inside a task folder is touched.
    /// </summary>
    public static IReadOnlyList<VmTask> ListTasks(string outputsRoot)
    {
        if (!Directory.Exists(outputsRoot)) throw new UserInputException($"outputs folder not found: {outputsRoot} (expected data/outputs/<experiment>/<model>/<task_type>/<task_id>/)");
        var tasks = new List<VmTask>();
        foreach (string experiment in Sub(outputsRoot))
        {
            foreach (string model in Sub(experiment))
            {
                foreach (string taskType in Sub(model))
                {
                    foreach (string task in Sub(taskType)) tasks.Add(new VmTask(Name(experiment), Name(model), Name(taskType), Name(task), task));
                }
            }
        }
        return tasks;
    }

    /// <summary>A task folder's item: its newest run directory (or the folder itself when it holds
    /// video/ directly) and the files in it; null when it has no run.</summary>
    public static VmItem? ReadTask(VmTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string? run = Directory.Exists(Path.Combine(task.Dir, "video"))
            ? task.Dir
            : Sub(task.Dir).Where(d => Directory.Exists(Path.Combine(d, "video")) || Directory.Exists(Path.Combine(d, "question")))
                .OrderByDescending(Directory.GetLastWriteTimeUtc).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        return run is null ? null : Read(task.Experiment, task.Model, task.TaskType, task.TaskId, run);
    }

    private static VmItem Read(string experiment, string model, string taskType, string taskId, string run)
    {
        string q = Path.Combine(run, "question");
        string? video = Directory.Exists(Path.Combine(run, "video"))
            ? Directory.GetFiles(Path.Combine(run, "video"), "*.mp4").Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        string prompt = File.Exists(Path.Combine(q, "prompt.txt")) ? File.ReadAllText(Path.Combine(q, "prompt.txt")).Trim() : "";
        string? goal = null;
        string meta = Path.Combine(q, "question_metadata.json");
        if (File.Exists(meta))
        {
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(meta));
                if (doc.RootElement.TryGetProperty("goal", out var g) && g.ValueKind == JsonValueKind.String) goal = g.GetString();
                if (prompt.Length == 0 && doc.RootElement.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String) prompt = p.GetString() ?? "";
            }
            catch (JsonException ex)
            {
                throw new UserInputException($"{meta}: invalid JSON ({ex.Message})");
            }
        }
        if (goal is null && File.Exists(Path.Combine(q, "goal.txt"))) goal = File.ReadAllText(Path.Combine(q, "goal.txt")).Trim();
        return new VmItem(experiment, model, taskType, taskId, run, video,
            Existing(Path.Combine(q, "first_frame.png")), Existing(Path.Combine(q, "final_frame.png")), prompt, goal);
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static IEnumerable<string> Sub(string dir) => Directory.GetDirectories(dir).Order(StringComparer.Ordinal);

    private static string Name(string dir) => Path.GetFileName(dir);
}
