using System.Collections.Frozen;
using System.Collections.Immutable;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Every multiple-choice question of an annotation file under one flat index (annotation order), with
/// its task: questions with the same text across videos form a task, numbered T001, T002, ... by
/// first appearance in the file (so the ids are stable for a given annotation file).
/// </summary>
internal sealed class QuestionTable
{
    private readonly FrozenDictionary<string, (int Offset, int Count)> _videos;

    public QuestionTable(PerceptionAnnotations annotations)
    {
        var offsets = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        var videos = new PerceptionVideo[annotations.QuestionCount];
        var questions = new McQuestion[annotations.QuestionCount];
        var task = new int[annotations.QuestionCount];
        var taskByText = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new List<string>();
        int flat = 0;
        foreach (var v in annotations.Videos)
        {
            offsets[v.VideoId] = (flat, v.Questions.Length);
            foreach (var q in v.Questions)
            {
                videos[flat] = v;
                questions[flat] = q;
                if (!taskByText.TryGetValue(q.Question, out int t))
                {
                    t = texts.Count;
                    taskByText.Add(q.Question, t);
                    texts.Add(q.Question);
                }
                task[flat] = t;
                flat++;
            }
        }
        _videos = offsets.ToFrozenDictionary(StringComparer.Ordinal);
        Videos = videos;
        Questions = questions;
        TaskOf = task;
        TaskTexts = [.. texts];
        int width = Math.Max(3, texts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        TaskIds = [.. Enumerable.Range(1, texts.Count).Select(i => "T" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0'))];
    }

    public int Count => Questions.Length;

    public PerceptionVideo[] Videos { get; }

    public McQuestion[] Questions { get; }

    /// <summary>The task index of each question.</summary>
    public int[] TaskOf { get; }

    public ImmutableArray<string> TaskTexts { get; }

    public ImmutableArray<string> TaskIds { get; }

    /// <summary>The flat index of a video's question, or -1 when the video or the index is unknown.</summary>
    public int Find(string videoId, int questionId) =>
        _videos.TryGetValue(videoId, out var v) && questionId >= 0 && questionId < v.Count ? v.Offset + questionId : -1;

    /// <summary>The number of questions a video has, or -1 when it is not in the annotations.</summary>
    public int QuestionsOf(string videoId) => _videos.TryGetValue(videoId, out var v) ? v.Count : -1;
}
