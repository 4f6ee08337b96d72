using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using GapLens.Core.Text;

namespace GapLens.Core.Mining.Aoi;

/// <summary>
/// The columns of a Visual ChangeNet inference.csv that the analysis needs, stored compactly so ten
/// million rows fit in ~120 MB: per row the score and the id of its label (as TAO writes it:
/// <c>str(label).strip()</c>); per label its group (TAO's key <c>str(label).strip().upper()</c>,
/// e.g. MISSING) and whether that group is PASS.
/// Paths are not kept: the few rows that are reported are read again (from their lines, by row number).
/// </summary>
public sealed record AoiTable(
    double[] Scores,
    int[] LabelIds,
    ImmutableArray<string> Labels,
    ImmutableArray<int> GroupOfLabel,
    ImmutableArray<string> Groups)
{
    private readonly int _passGroup = Groups.IndexOf("PASS");

    /// <summary>
    /// A table whose label groups are the labels upper-cased with Python's <c>str.upper()</c>
    /// (<see cref="PyStr.Upper"/>: 'paß' is PASS), in order of first appearance.
    /// <paramref name="labels"/> are already stripped with Python's <c>str.strip()</c>.
    /// </summary>
    public static AoiTable FromLabels(double[] scores, int[] labelIds, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var groups = new List<string>();
        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupOfLabel = ImmutableArray.CreateBuilder<int>(labels.Count);
        foreach (string label in labels)
        {
            string group = PyStr.Upper(label);
            if (!groupIndex.TryGetValue(group, out int g))
            {
                g = groups.Count;
                groups.Add(group);
                groupIndex[group] = g;
            }
            groupOfLabel.Add(g);
        }
        return new AoiTable(scores, labelIds, [.. labels], groupOfLabel.MoveToImmutable(), [.. groups]);
    }

    public int RowCount => Scores.Length;

    public bool IsPass(int row) => GroupOfLabel[LabelIds[row]] == _passGroup;

    /// <summary>Whether each label (by id) is in the PASS group: one lookup per row in loops over millions.</summary>
    public bool[] PassByLabel()
    {
        var pass = new bool[Labels.Length];
        for (int l = 0; l < pass.Length; l++) pass[l] = GroupOfLabel[l] == _passGroup;
        return pass;
    }

    public int GroupOf(int row) => GroupOfLabel[LabelIds[row]];

    /// <summary>Signed distance from the threshold in the wrong direction: PASS rows score - t,
    /// all others t - score. Positive = misclassified (a non-PASS row exactly at t is marginal: 0).</summary>
    public double Weakness(int row, double threshold) => WeaknessOf(IsPass(row), Scores[row], threshold);

    /// <summary>Misclassified under the strict rule (predict NO_PASS when score &gt; t).</summary>
    public bool IsMisclassified(int row, double threshold) => IsMisclassified(IsPass(row), Scores[row], threshold);

    /// <summary><see cref="Weakness(int, double)"/> of a score whose label is PASS or not: the rule
    /// itself, for loops over millions of rows that look the label up once per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double WeaknessOf(bool pass, double score, double threshold) => pass ? score - threshold : threshold - score;

    /// <summary><see cref="IsMisclassified(int, double)"/> of a score whose label is PASS or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMisclassified(bool pass, double score, double threshold) => pass ? score > threshold : score <= threshold;

    /// <summary>The NO_PASS flag per row (the positive class of the sweep).</summary>
    public bool[] NoPassFlags()
    {
        var flags = new bool[RowCount];
        for (int i = 0; i < flags.Length; i++) flags[i] = GroupOfLabel[LabelIds[i]] != _passGroup;
        return flags;
    }
}
