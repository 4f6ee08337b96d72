namespace GapLens.Video.Retrieval;

/// <summary>
/// The k best (score, row) pairs seen so far: a binary min-heap whose root is the worst kept pair
/// (lowest score; among equal scores the higher row), so a pair enters only when it beats the root.
/// Ties therefore keep the lower row, whatever order the rows arrive in.
/// </summary>
internal sealed class TopKHeap(int k)
{
    private readonly float[] _scores = new float[k];
    private readonly int[] _rows = new int[k];

    public int Count { get; private set; }

    /// <summary>The score a new pair must reach to be considered (-inf until the heap is full).</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Offer(float score, int row)
    {
        if (Count < _scores.Length)
        {
            int i = Count++;
            _scores[i] = score;
            _rows[i] = row;
            SiftUp(i);
            return;
        }
        if (!Better(score, row, _scores[0], _rows[0])) return;
        _scores[0] = score;
        _rows[0] = row;
        SiftDown(0);
    }

    public void AddTo(List<ScoredRow> into)
    {
        for (int i = 0; i < Count; i++) into.Add(new ScoredRow(_rows[i], _scores[i]));
    }

    /// <summary>Higher score first; equal scores: lower row first.</summary>
    public static bool Better(float s1, int r1, float s2, int r2) => s1 > s2 || (s1 == s2 && r1 < r2);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(_scores[parent], _rows[parent], _scores[i], _rows[i])) break;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int worst = i, l = 2 * i + 1, r = l + 1;
            if (l < Count && Better(_scores[worst], _rows[worst], _scores[l], _rows[l])) worst = l;
            if (r < Count && Better(_scores[worst], _rows[worst], _scores[r], _rows[r])) worst = r;
            if (worst == i) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
