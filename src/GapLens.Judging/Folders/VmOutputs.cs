using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Json;

namespace GapLens.Judging.Folders;

/// <summary>
/// Reads VMEvalKit's inference outputs: data/outputs/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/,
/// each task holding its run directories (the newest by modification time is used) or, flat, the run
/// files themselves (a video/ folder directly in the task dir). Items come sorted by their key.
/// </summary>
public static class VmOutputs
{
    /// <summary>How many task folders <see cref="CheckLevel(string, IReadOnlyList{VmTask})"/> reads.</summary>
    private const int LevelSample = 64;

    /// <summary>Every item, read in full; a folder given one level off is refused (see <see cref="CheckLevel(string, IReadOnlyList{VmTask})"/>).</summary>
    public static IReadOnlyList<VmItem> Scan(string outputsRoot)
    {
        var tasks = ListTasks(outputsRoot);
        var read = tasks.Select(ReadWithId).OfType<(VmItem Item, string? Id)>().ToList();
        if (read.Count == 0) CheckNotTooHigh(outputsRoot);
        CheckLevel(outputsRoot, read);
        return [.. read.Select(r => r.Item).OrderBy(i => i.Key)];
    }

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
    public static VmItem? ReadTask(VmTask task) => ReadWithId(task)?.Item;

    /// <summary>
    /// The level check of <see cref="Scan"/> for a caller that reads items lazily: up to 64 task folders,
    /// spread evenly over <paramref name="tasks"/>, are read (all of them, in order, while none has a run);
    /// a folder given one level off is refused with the folder to give instead.
    /// </summary>
    public static void CheckLevel(string outputsRoot, IReadOnlyList<VmTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var picked = tasks.Count <= LevelSample ? tasks : [.. Enumerable.Range(0, LevelSample).Select(k => tasks[(int)((long)k * tasks.Count / LevelSample)])];
        // A task folder that cannot be read is the caller's to report (it is left out); it says nothing of the level.
        static (VmItem Item, string? Id)? TryRead(VmTask t)
        {
            try
            {
                return ReadWithId(t);
            }
            catch (Exception ex) when (ex is UserInputException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        var read = picked.Select(TryRead).OfType<(VmItem Item, string? Id)>().ToList();
        if (read.Count == 0 && tasks.Count > picked.Count && tasks.Select(TryRead).FirstOrDefault(r => r is not null) is { } any) read.Add(any);
        if (read.Count == 0)
        {
            CheckNotTooHigh(outputsRoot);
            CheckNotTooDeep(outputsRoot);
            if (tasks.Count == 0) return;
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"no item to score under {outputsRoot}: none of its {tasks.Count} task folders (<experiment>/<model>/<task_type>/<task_id>/) holds a run (video/ or question/, directly or in a run folder)"));
        }
        CheckLevel(outputsRoot, read);
    }

    /// <summary>
    /// No task folder 4 levels down holds a run, but one nearer does (a model, task type, task or run
    /// folder given instead of the outputs folder): refused with the folder to give. The task folder
    /// is the one named by question_metadata.json's id, else the parent of the folder holding video/
    /// (VMEvalKit writes a run folder inside each task folder).
    /// </summary>
    private static void CheckNotTooDeep(string outputsRoot)
    {
        string full = Path.GetFullPath(outputsRoot).TrimEnd('/');
        var level = new List<string> { full };
        for (int depth = 0; depth < 4 && level.Count > 0; depth++)
        {
            foreach (string dir in level)
            {
                if (!Directory.Exists(Path.Combine(dir, "video")) && !Directory.Exists(Path.Combine(dir, "question"))) continue;
                string? id = null;
                try
                {
                    id = Read("", "", "", "", dir).Id;
                }
                catch (UserInputException)
                {
                    // An unreadable question_metadata.json: the folder names decide.
                }
                bool isTask = id is not null && id == Name(dir);
                string task = isTask ? dir : Path.GetDirectoryName(dir)!;
                int taskDepth = isTask ? depth : depth - 1;
                string shown = Path.GetRelativePath(full, task) is "." ? "itself" : Path.GetRelativePath(full, task);
                string answer = full;
                for (int up = 0; up < 4 - taskDepth && Path.GetDirectoryName(answer) is { } parent; up++) answer = parent;
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--outputs {full} looks {4 - taskDepth} levels too deep: the task folder ({shown}) should be 4 levels below it (<experiment>/<model>/<task_type>/<task_id>/); give the folder that holds the experiments: --outputs {answer}"));
            }
            level = [.. level.SelectMany(Sub)];
        }
    }

    private static (VmItem Item, string? Id)? ReadWithId(VmTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        string? run = Directory.Exists(Path.Combine(task.Dir, "video"))
            ? task.Dir
            : Sub(task.Dir).Where(d => Directory.Exists(Path.Combine(d, "video")) || Directory.Exists(Path.Combine(d, "question")))
                .OrderByDescending(Directory.GetLastWriteTimeUtc).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        return run is null ? null : Read(task.Experiment, task.Model, task.TaskType, task.TaskId, run);
    }

    /// <summary>No item at this level: the outputs folder may be one level down (e.g. data/ was given for data/outputs/).</summary>
    private static void CheckNotTooHigh(string outputsRoot)
    {
        string? below = Sub(outputsRoot).FirstOrDefault(c => ListTasks(c).Any(t => ReadWithId(t) is not null));
        if (below is not null)
        {
            throw new UserInputException(
                $"--outputs {Path.GetFullPath(outputsRoot).TrimEnd('/')} looks one level too high: its subfolder {Name(below)} holds the experiments; give the outputs folder itself: --outputs {below}");
        }
    }

    /// <summary>
    /// Refuses a folder given one level off, which would shift every level (model_name = task type,
    /// task_id = run folder): the items' question_metadata.json ids say where the task level is (an id
    /// equal to the folder read as the task type means one level too deep; equal to the run folder, one
    /// level too high); without ids, task types end in "_task" at the wrong level.
    /// </summary>
    private static void CheckLevel(string root, List<(VmItem Item, string? Id)> read)
    {
        if (read.Count == 0) return;
        var items = read.Select(r => r.Item).ToList();
        var ids = read.Where(r => r.Id is not null).Select(r => (r.Item, Id: r.Id!)).ToList();
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
                throw new UserInputException($"{meta}: invalid JSON ({JsonErrorText.Of(ex)})");
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
