using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Core.Metrics;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Statistics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Multiple-choice scoring with the starter kit's semantics (google-deepmind/perception_test,
/// calc_top1 and calc_top1_by_cat). Answers are checked in file order, and the first failing check
/// is a user error with the starter kit's wording and the video, question and values:
/// an unknown video or question index ("Unexpected question ID in answer."), an answer id outside 0..2,
/// an answer text that is not the chosen option's text, and (official mode) a count of answers that
/// differs from the number of questions ("Missing answers in results."). One deliberate difference:
/// a question answered twice is an error here, where the starter kit would count it twice.
/// </summary>
public static class McScorer
{
    public static McScoreResult Score(PerceptionAnnotations annotations, AnswerSet answers, ScoringMode mode = ScoringMode.Official)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(answers);
        var table = new QuestionTable(annotations);
        int n = table.Count;
        for (int i = 0; i < n; i++)
        {
            if (table.Questions[i].AnswerId is null)
            {
                throw new UserInputException(
                    $"annotations {annotations.Path}: video {table.Videos[i].VideoId}, mc_question {table.Questions[i].Index} has no 'answer_id' (a test split?); scoring needs annotations with answers (train or valid).");
            }
        }
        var chosen = new int[n];
        Array.Fill(chosen, -1);
        int k = 0;
        foreach (var a in answers.Answers)
        {
            string At() => $"answers {answers.Path}: video {a.VideoId}, question {a.QuestionId}";
            int flat = table.Find(a.VideoId, a.QuestionId);
            if (flat < 0)
            {
                int has = table.QuestionsOf(a.VideoId);
                string why = has < 0 ? $"video {a.VideoId} is not in the annotations {annotations.Path}"
                    : has == 0 ? $"video {a.VideoId} has no mc_question in the annotations"
                    : $"video {a.VideoId} has {has} questions (ids 0-{has - 1})";
                throw new UserInputException($"{At()}: Unexpected question ID in answer: {why}.");
            }
            if (a.AnswerId is < 0 or > 2) throw new UserInputException($"{At()}: Answer ID must be in range [0:2], got {a.AnswerId}.");
            var q = table.Questions[flat];
            if (!string.Equals(q.Options[a.AnswerId], a.Answer, StringComparison.Ordinal))
            {
                throw new UserInputException($"{At()}: Answer text is not as expected: answer_id {a.AnswerId} is \"{q.Options[a.AnswerId]}\" in the annotations, the answer says \"{a.Answer}\".");
            }
            if (chosen[flat] >= 0) throw new UserInputException($"{At()}: the question is answered twice (the starter kit would count it twice); keep one answer per question.");
            chosen[flat] = a.AnswerId;
            k++;
        }
        if (mode == ScoringMode.Official && k != n)
        {
            int first = Array.IndexOf(chosen, -1);
            throw new UserInputException(
                $"answers {answers.Path}: Missing answers in results: {k} of {n} questions answered (first missing: video {table.Videos[first].VideoId}, question {table.Questions[first].Index}); score a partial file in lenient mode.");
        }
        return Tally(annotations.Path, answers.Path, mode, table, chosen);
    }

    private static McScoreResult Tally(string annotationsPath, string answersPath, ScoringMode mode, QuestionTable table, int[] chosen)
    {
        int n = table.Count;
        var warnings = new SortedSet<string>(StringComparer.Ordinal);
        var cats = new Dictionary<(CategoryKind, string), long[]>();
        foreach (string a in SkillTaxonomy.Areas) cats[(CategoryKind.Area, a)] = new long[2];
        foreach (string r in SkillTaxonomy.ReasoningTypes) cats[(CategoryKind.Reasoning, r)] = new long[2];
        foreach (string t in SkillTaxonomy.Tags) cats[(CategoryKind.Tag, t)] = new long[2];
        var extraReasoning = new List<string>();
        var extraTags = new List<string>();
        int tasks = table.TaskTexts.Length;
        var taskCounts = new long[tasks, 3]; // questions, answered, correct
        var taskVideos = new HashSet<string>[tasks];
        var taskAreas = new List<string>[tasks];
        var taskReasoning = new List<string>[tasks];
        var taskTags = new List<string>[tasks];
        var posChosen = new long[3];
        var posTruth = new long[3];
        var posCorrect = new long[3];
        var outcomes = ImmutableArray.CreateBuilder<QuestionOutcome>(n);
        long answered = 0, correct = 0;
        for (int i = 0; i < n; i++)
        {
            var q = table.Questions[i];
            int truth = q.AnswerId!.Value;
            int t = table.TaskOf[i];
            bool isAnswered = chosen[i] >= 0;
            bool ok = isAnswered && chosen[i] == truth;
            outcomes.Add(new QuestionOutcome(table.Videos[i].VideoId, q.Index, table.TaskIds[t], truth, isAnswered ? chosen[i] : null, ok));
            (taskVideos[t] ??= new HashSet<string>(StringComparer.Ordinal)).Add(table.Videos[i].VideoId);
            taskAreas[t] ??= [];
            taskReasoning[t] ??= [];
            taskTags[t] ??= [];
            var areas = SkillTaxonomy.AreasOf(q.Tags);
            foreach (string a in areas)
            {
                if (!taskAreas[t].Contains(a)) taskAreas[t].Add(a);
            }
            if (!taskReasoning[t].Contains(q.Reasoning)) taskReasoning[t].Add(q.Reasoning);
            foreach (string tag in q.Tags)
            {
                if (!taskTags[t].Contains(tag)) taskTags[t].Add(tag);
            }
            taskCounts[t, 0]++;
            if (!isAnswered) continue;
            answered++;
            int val = ok ? 1 : 0;
            correct += val;
            taskCounts[t, 1]++;
            taskCounts[t, 2] += val;
            posChosen[chosen[i]]++;
            posTruth[truth]++;
            posCorrect[truth] += val;
            foreach (string a in areas) Add(cats, CategoryKind.Area, a, val);
            if (!cats.ContainsKey((CategoryKind.Reasoning, q.Reasoning)))
            {
                extraReasoning.Add(q.Reasoning);
                warnings.Add($"reasoning type \"{q.Reasoning}\" is not one of the starter kit's ({string.Join(", ", SkillTaxonomy.ReasoningTypes)}); it is reported as its own category (the starter kit would stop with a KeyError).");
            }
            Add(cats, CategoryKind.Reasoning, q.Reasoning, val);
            foreach (string tag in q.Tags)
            {
                if (!cats.ContainsKey((CategoryKind.Tag, tag)))
                {
                    extraTags.Add(tag);
                    warnings.Add($"tag \"{tag}\" is not in the starter kit's tag-to-area map; it is reported as its own tag without an area (the starter kit would stop with a KeyError).");
                }
                Add(cats, CategoryKind.Tag, tag, val);
            }
        }
        ImmutableArray<CategoryAccuracy> Rows(CategoryKind kind, IEnumerable<string> official, IEnumerable<string> extra) =>
            [.. official.Select(name => Row(kind, name, true)).Concat(extra.Distinct().Select(name => Row(kind, name, false)))];
        CategoryAccuracy Row(CategoryKind kind, string name, bool inTaxonomy)
        {
            var c = cats[(kind, name)];
            return new CategoryAccuracy(name, kind, inTaxonomy, c[0], c[1], Rates.Wilson(c[0], c[1], "no answered question in this category"));
        }
        var taskRows = Enumerable.Range(0, tasks).Select(t => new TaskAccuracy(
            0, table.TaskIds[t], table.TaskTexts[t], taskCounts[t, 0], taskCounts[t, 1], taskCounts[t, 2], taskVideos[t].Count,
            Rates.Wilson(taskCounts[t, 2], taskCounts[t, 1]), [.. taskAreas[t].OrderBy(a => SkillTaxonomy.Areas.IndexOf(a))],
            [.. taskReasoning[t]], [.. taskTags[t]])).ToList();
        var ranked = taskRows
            .OrderBy(r => r.Accuracy.Ci95 is null ? 1 : 0)
            .ThenBy(r => r.Accuracy.Ci95?.Upper ?? 0)
            .ThenBy(r => r.Accuracy.Value ?? 0)
            .ThenByDescending(r => r.Answered)
            .ThenBy(r => r.TaskId, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToImmutableArray();
        return new McScoreResult(
            mode, annotationsPath, answersPath, n, answered, n - answered, correct,
            Rates.Wilson(correct, answered),
            mode == ScoringMode.Lenient ? Rates.Wilson(correct, n, "no questions") : null,
            Rows(CategoryKind.Area, SkillTaxonomy.Areas, []),
            Rows(CategoryKind.Reasoning, SkillTaxonomy.ReasoningTypes, extraReasoning),
            Rows(CategoryKind.Tag, SkillTaxonomy.Tags, extraTags),
            ranked,
            Bias(posChosen, posTruth, posCorrect, answered),
            outcomes.MoveToImmutable(),
            [.. warnings]);
    }

    private static void Add(Dictionary<(CategoryKind, string), long[]> cats, CategoryKind kind, string name, int val)
    {
        if (!cats.TryGetValue((kind, name), out var c)) cats[(kind, name)] = c = new long[2];
        c[0] += val;
        c[1]++;
    }

    private static OptionBias Bias(long[] chosen, long[] truth, long[] correct, long answered)
    {
        var rows = ImmutableArray.CreateBuilder<OptionPositionStats>(3);
        for (int p = 0; p < 3; p++)
        {
            rows.Add(new OptionPositionStats(
                p, chosen[p], answered == 0 ? null : (double)chosen[p] / answered, truth[p], answered == 0 ? null : (double)truth[p] / answered,
                correct[p], Rates.Wilson(correct[p], truth[p], "the correct option is never at this position")));
        }
        TestResult test;
        if (answered == 0)
        {
            test = TestResult.Undefined("chi-square goodness of fit", "no answered questions");
        }
        else if (truth.Any(t => t == 0))
        {
            test = TestResult.Undefined("chi-square goodness of fit", "a position never holds the correct option: no expected count to compare with");
        }
        else
        {
            double stat = 0;
            for (int p = 0; p < 3; p++) stat += (chosen[p] - (double)truth[p]) * (chosen[p] - (double)truth[p]) / truth[p];
            test = new TestResult(stat, Math.Exp(-stat / 2), 2, "chi-square goodness of fit"); // chi2.sf with 2 df is exp(-x/2)
        }
        return new OptionBias(rows.MoveToImmutable(), test);
    }
}
