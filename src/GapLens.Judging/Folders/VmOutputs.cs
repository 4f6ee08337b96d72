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
    public static IReadOnlyList<VmItem> Scan(string outputsRoot)
    {
        if (!Directory.Exists(outputsRoot)) throw new UserInputException($"outputs folder not found: {outputsRoot} (expected data/outputs/<experiment>/<model>/<task_type>/<task_id>/)");
        var (items, ids) = Collect(outputsRoot);
        if (items.Count == 0)
        {
            // The outputs folder may be one level down (e.g. data/ was given for data/outputs/).
            string? below = Sub(outputsRoot).FirstOrDefault(c => Collect(c).Items.Count > 0);
            if (below is not null)
            {
                throw new UserInputException(
                    $"--outputs {Path.GetFullPath(outputsRoot).TrimEnd('/')} looks one level too high: its subfolder {Name(below)} holds the experiments; give the outputs folder itself: --outputs {below}");
            }
        }
        CheckLevel(outputsRoot, items, ids);
        return [.. items.OrderBy(i => i.Key)];
    }

    private static (List<VmItem> Items, List<(VmItem Item, string Id)> Ids) Collect(string outputsRoot)
    {
        var items = new List<VmItem>();
        var ids = new List<(VmItem Item, string Id)>();
        foreach (string experiment in Sub(outputsRoot))
        {
            foreach (string model in Sub(experiment))
            {
                foreach (string taskType in Sub(model))
                {
                    foreach (string task in Sub(taskType))
                    {
                        string? run = Directory.Exists(Path.Combine(task, "video"))
                            ? task
                            : Sub(task).Where(d => Directory.Exists(Path.Combine(d, "video")) || Directory.Exists(Path.Combine(d, "question")))
                                .OrderByDescending(Directory.GetLastWriteTimeUtc).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
                        if (run is null) continue;
                        var (item, id) = Read(Name(experiment), Name(model), Name(taskType), Name(task), run);
                        items.Add(item);
                        if (id is not null) ids.Add((item, id));
                    }
                }
            }
        }
        return (items, ids);
    }

    /// <summary>
    /// Refuses a folder given one level off, which would shift every level (model_name = task type,
    /// task_id = run folder): the items' question_metadata.json ids say where the task level is (an id
    /// equal to the folder read as the task type means one level too deep; equal to the run folder, one
    /// level too high); without ids, task types end in "_task" at the wrong level.
    /// </summary>
    private static void CheckLevel(string root, List<VmItem> items, List<(VmItem Item, string Id)> ids)
    {
        if (items.Count == 0) return;
        int deeper = ids.Count(x => x.Id != x.Item.TaskId && x.Id == x.Item.TaskType);
        int higher = ids.Count(x => x.Id != x.Item.TaskId && x.Id == Path.GetFileName(x.Item.RunDir));
        int right = ids.Count(x => x.Id == x.Item.TaskId);
        if (ids.Count == 0)
        {
            bool typesRight = items.Any(i => i.TaskType.EndsWith("_task", StringComparison.Ordinal));
            if (!typesRight && items.Any(i => i.Model.EndsWith("_task", StringComparison.Ordinal))) deeper = items.Count;
            else if (!typesRight && items.Any(i => i.TaskId.EndsWith("_task", StringComparison.Ordinal))) higher = items.Count;
        }
        string full = Path.GetFullPath(root).TrimEnd('/');
        if (deeper > right && deeper >= higher)
        {
            throw new UserInputException(
                $"--outputs {full} looks one level too deep: it is an experiment folder (its subfolders are models, theirs task types); " +
                $"give the folder that holds the experiments: --outputs {Path.GetDirectoryName(full)}");
        }
        if (higher > right)
        {
            string? child = Directory.GetDirectories(full).Order(StringComparer.Ordinal).FirstOrDefault();
            throw new UserInputException(
                $"--outputs {full} looks one level too high: its subfolders hold the experiments; give the outputs folder itself, e.g. --outputs {child ?? full + "/outputs"}");
        }
    }

    private static (VmItem Item, string? Id) Read(string experiment, string model, string taskType, string taskId, string run)
    {
        string? id = null;
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
                if (doc.RootElement.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String) id = idEl.GetString();
                if (prompt.Length == 0 && doc.RootElement.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String) prompt = p.GetString() ?? "";
            }
            catch (JsonException ex)
            {
                throw new UserInputException($"{meta}: invalid JSON ({ex.Message})");
            }
        }
        if (goal is null && File.Exists(Path.Combine(q, "goal.txt"))) goal = File.ReadAllText(Path.Combine(q, "goal.txt")).Trim();
        return (new VmItem(experiment, model, taskType, taskId, run, video,
            Existing(Path.Combine(q, "first_frame.png")), Existing(Path.Combine(q, "final_frame.png")), prompt, goal), id);
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    private static IEnumerable<string> Sub(string dir) => Directory.GetDirectories(dir).Order(StringComparer.Ordinal);

    private static string Name(string dir) => Path.GetFileName(dir);
}
