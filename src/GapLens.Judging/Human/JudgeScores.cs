using System.Collections.Concurrent;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>
/// The judges' score files beside the human ones: every evaluator folder of the evaluations root
/// (gpt4o-eval, vision-eval, pixel-eval, custom ones) except human-eval and GapLens' own folders
/// (names starting with "_" or "."), read once into records by item. Unreadable files are counted.
/// </summary>
public sealed class JudgeScores
{
    private readonly Dictionary<ItemKey, List<ScoreRecord>> _byItem;

    private JudgeScores(Dictionary<ItemKey, List<ScoreRecord>> byItem, IReadOnlyList<string> evaluators, int unreadable, DateTimeOffset loadedUtc)
    {
        _byItem = byItem;
        Evaluators = evaluators;
        Unreadable = unreadable;
        LoadedUtc = loadedUtc;
    }

    public static JudgeScores Empty { get; } = new([], [], 0, DateTimeOffset.MinValue);

    /// <summary>The evaluator folders found, sorted.</summary>
    public IReadOnlyList<string> Evaluators { get; }

    public int Unreadable { get; }

    public DateTimeOffset LoadedUtc { get; }

    public IReadOnlyList<ScoreRecord> Of(ItemKey item) => _byItem.TryGetValue(item, out var l) ? l : [];

    public static JudgeScores Load(string evaluationsRoot, DateTimeOffset now)
    {
        if (!Directory.Exists(evaluationsRoot)) return new([], [], 0, now);
        var evaluators = Directory.GetDirectories(evaluationsRoot).Select(Path.GetFileName).OfType<string>()
            .Where(n => n != HumanConsensus.EvaluatorDir && !n.StartsWith('_') && !n.StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        var records = new ConcurrentBag<ScoreRecord>();
        int bad = 0;
        foreach (string evaluator in evaluators)
        {
            string dir = Path.Combine(evaluationsRoot, evaluator);
            var files = Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories)
                .Where(f => Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar) is { Length: 5 } parts && !parts[0].StartsWith('_'));
            Parallel.ForEach(files, f =>
            {
                try
                {
                    var r = ScoreFiles.Read(f);
                    records.Add(r with { Evaluator = evaluator });
                }
                catch (Exception ex) when (ex is GapLens.Core.UserInputException or IOException or UnauthorizedAccessException)
                {
                    Interlocked.Increment(ref bad);
                }
            });
        }
        var byItem = records.GroupBy(ItemKey.Of).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Evaluator, StringComparer.Ordinal).ToList());
        return new JudgeScores(byItem, evaluators, bad, now);
    }
}
