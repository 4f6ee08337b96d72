using System.Collections.Immutable;
using GapLens.Perception.Annotations;
using GapLens.Statistics;

namespace GapLens.Perception.Scoring;

/// <summary>Compares two scorings of the same annotation file question by question (McNemar).</summary>
public static class McComparer
{
    /// <param name="annotations">The annotations both were scored against (for the areas of each question).</param>
    /// <param name="a">The first scoring (the baseline).</param>
    /// <param name="b">The second scoring.</param>
    /// <param name="alpha">The false discovery rate for Benjamini-Hochberg.</param>
    public static McComparisonResult Compare(PerceptionAnnotations annotations, McScoreResult a, McScoreResult b, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var table = new QuestionTable(annotations);
        int n = table.Count;
        if (a.Outcomes.Length != n || b.Outcomes.Length != n) throw new ArgumentException("both scorings must come from these annotations", nameof(b));
        var overall = new Counts();
        var areas = SkillTaxonomy.Areas.ToDictionary(x => x, _ => new Counts(), StringComparer.Ordinal);
        var tasks = new Counts[table.TaskTexts.Length];
        for (int t = 0; t < tasks.Length; t++) tasks[t] = new Counts();
        var flipped = ImmutableArray.CreateBuilder<FlippedQuestion>();
        long oneOnly = 0, neither = 0;
        for (int i = 0; i < n; i++)
        {
            var oa = a.Outcomes[i];
            var ob = b.Outcomes[i];
            if (oa.VideoId != ob.VideoId || oa.QuestionId != ob.QuestionId || oa.VideoId != table.Videos[i].VideoId)
            {
                throw new ArgumentException("both scorings must come from these annotations", nameof(b));
            }
            if (!oa.Answered || !ob.Answered)
            {
                if (oa.Answered || ob.Answered) oneOnly++;
                else neither++;
                continue;
            }
            overall.Add(oa.Correct, ob.Correct);
            tasks[table.TaskOf[i]].Add(oa.Correct, ob.Correct);
            foreach (string area in SkillTaxonomy.AreasOf(table.Questions[i].Tags)) areas[area].Add(oa.Correct, ob.Correct);
            if (oa.Correct != ob.Correct)
            {
                flipped.Add(new FlippedQuestion(oa.VideoId, oa.QuestionId, oa.TaskId, oa.GroundTruth, oa.Chosen!.Value, ob.Chosen!.Value,
                    ob.Correct ? FlipDirection.Fixed : FlipDirection.Broken));
            }
        }
        var areaRows = Adjust([.. SkillTaxonomy.Areas.Select(x => Row(x, null, areas[x]))], alpha);
        var taskRows = Adjust([.. Enumerable.Range(0, tasks.Length).Select(t => Row(table.TaskIds[t], table.TaskTexts[t], tasks[t]))], alpha)
            .OrderBy(r => r.AdjustedP ?? 2)
            .ThenByDescending(r => Math.Abs(r.Difference ?? 0))
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return new McComparisonResult(a.AnswersPath, b.AnswersPath, n, overall.Total, oneOnly, neither, alpha,
            Row("all", null, overall), areaRows, taskRows,
            [.. flipped.OrderBy(f => f.TaskId, StringComparer.Ordinal)]);
    }

    private static McNemarRow Row(string name, string? question, Counts c)
    {
        var test = Proportions.McNemar(new long[,] { { c.Both, c.OnlyA }, { c.OnlyB, c.Neither } });
        var accA = Rates.Wilson(c.Both + c.OnlyA, c.Total, "no question answered in both files");
        var accB = Rates.Wilson(c.Both + c.OnlyB, c.Total, "no question answered in both files");
        double? diff = c.Total == 0 ? null : (double)(c.OnlyB - c.OnlyA) / c.Total;
        return new McNemarRow(name, question, c.Total, c.Both, c.OnlyA, c.OnlyB, c.Neither, accA, accB, diff, test, null, false);
    }

    /// <summary>Benjamini-Hochberg over the rows whose test is defined; the others keep null.</summary>
    private static ImmutableArray<McNemarRow> Adjust(ImmutableArray<McNemarRow> rows, double alpha)
    {
        var defined = Enumerable.Range(0, rows.Length).Where(i => rows[i].Test.PValue.HasValue).ToArray();
        if (defined.Length == 0) return rows;
        var (adjusted, reject) = Proportions.BenjaminiHochberg([.. defined.Select(i => rows[i].Test.PValue!.Value)], alpha);
        var builder = rows.ToBuilder();
        for (int k = 0; k < defined.Length; k++) builder[defined[k]] = rows[defined[k]] with { AdjustedP = adjusted[k], Significant = reject[k] };
        return builder.ToImmutable();
    }

    private sealed class Counts
    {
        public long Both { get; private set; }

        public long OnlyA { get; private set; }

        public long OnlyB { get; private set; }

        public long Neither { get; private set; }

        public long Total => Both + OnlyA + OnlyB + Neither;

        public void Add(bool a, bool b)
        {
            if (a && b) Both++;
            else if (a) OnlyA++;
            else if (b) OnlyB++;
            else Neither++;
        }
    }
}
