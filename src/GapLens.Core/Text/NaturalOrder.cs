namespace GapLens.Core.Text;

/// <summary>
/// Orders ids as people number them: runs of ASCII digits compare as numbers ("q2" before "q10",
/// "007" equal in value to "7" but after it), everything else ordinal. Ties broken ordinally, so it is a
/// total order and two different strings never compare equal. Used where results arrive in completion
/// order (concurrent runs) and a report must not depend on which call finished first.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    private NaturalOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                int xs = i, ys = j;
                while (i < x.Length && char.IsAsciiDigit(x[i])) i++;
                while (j < y.Length && char.IsAsciiDigit(y[j])) j++;
                var a = x.AsSpan(xs, i - xs).TrimStart('0');
                var b = y.AsSpan(ys, j - ys).TrimStart('0');
                if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
                int c = a.SequenceCompareTo(b);
                if (c != 0) return c;
                continue;
            }
            if (x[i] != y[j]) return x[i].CompareTo(y[j]);
            i++;
            j++;
        }
        if (i < x.Length || j < y.Length) return (x.Length - i).CompareTo(y.Length - j);
        return string.CompareOrdinal(x, y);
    }
}
