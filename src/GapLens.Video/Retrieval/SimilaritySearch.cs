using System.Collections.Immutable;
using System.Numerics.Tensors;
using GapLens.IO.Tensors;

namespace GapLens.Video.Retrieval;

/// <summary>
/// Exact top-k cosine similarity of queries against the rows of a matrix [rows, dim], in one pass over
/// the matrix: 256-bit SIMD kernels (<see cref="RowKernels"/>: dot product and sum of squares per row,
/// the row norm computed in the same pass, so rows need not be normalised; one summation order on every
/// CPU, so a query scores a row the same alone or in a batch), threads over chunks of rows, each with
/// its own top-k heaps, merged at the end. float16, bfloat16 and float64 rows are widened one row at a
/// time into a per-thread buffer, never the whole matrix. A batch of queries scores each row against
/// every query while the row is in cache. Ties are broken by the lower row. A row whose norm is zero
/// has no cosine similarity: it is counted in <see cref="SearchResult.UndefinedRows"/>, not ranked.
/// </summary>
public static class SimilaritySearch
{
    /// <summary>The <paramref name="k"/> rows most similar to <paramref name="query"/>.</summary>
    public static SearchResult TopK(TensorView matrix, ReadOnlySpan<float> query, int k, SearchOptions? options = null) =>
        TopK(matrix, [query.ToArray()], k, options)[0];

    /// <summary>The <paramref name="k"/> best rows for each query, in one pass over the matrix.</summary>
    public static ImmutableArray<SearchResult> TopK(TensorView matrix, IReadOnlyList<float[]> queries, int k, SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (matrix.Rank != 2) throw new ArgumentException($"{matrix.Source}: expected a matrix [rows, dim], got rank {matrix.Rank}", nameof(matrix));
        options ??= SearchOptions.Default;
        int dim = matrix.RowLength;
        int rows = checked((int)matrix.Shape[0]);
        var unit = new float[queries.Count][];
        for (int q = 0; q < queries.Count; q++)
        {
            var v = queries[q] ?? throw new ArgumentException($"query {q} is null", nameof(queries));
            if (v.Length != dim) throw new ArgumentException($"query {q} has dimension {v.Length}; the matrix has {dim}", nameof(queries));
            if (!TensorPrimitives.IsFiniteAll<float>(v)) throw new ArgumentException($"query {q} has a non-finite value", nameof(queries));
            double norm = Encoders.Vectors.Norm(v);
            if (!(norm > 0)) throw new ArgumentException($"query {q} is all zeros: cosine similarity is undefined", nameof(queries));
            unit[q] = new float[dim];
            TensorPrimitives.Multiply(v, (float)(1 / norm), unit[q]);
        }
        if (queries.Count == 0) return [];
        int keep = Math.Min(k, Math.Max(rows, 1));
        var merged = new List<ScoredRow>[queries.Count];
        for (int q = 0; q < merged.Length; q++) merged[q] = [];
        int undefined = 0;
        var gate = new object();
        int chunk = Math.Max(1, options.RowsPerChunk);
        int chunks = (rows + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => new Scan(unit, keep, dim),
            (c, _, scan) =>
            {
                scan.Rows(matrix, c * chunk, Math.Min(rows, (c + 1) * chunk));
                return scan;
            },
            scan =>
            {
                lock (gate)
                {
                    for (int q = 0; q < merged.Length; q++) scan.Heaps[q].AddTo(merged[q]);
                    undefined += scan.Undefined;
                }
            });
        var results = ImmutableArray.CreateBuilder<SearchResult>(queries.Count);
        foreach (var list in merged)
        {
            list.Sort((a, b) => TopKHeap.Better(a.Score, a.Row, b.Score, b.Row) ? -1 : TopKHeap.Better(b.Score, b.Row, a.Score, a.Row) ? 1 : 0);
            results.Add(new SearchResult([.. list.Take(k)], undefined));
        }
        return results.MoveToImmutable();
    }

    /// <summary>One thread's state: a heap per query and a row buffer for widening.</summary>
    private sealed class Scan(float[][] queries, int k, int dim)
    {
        private readonly float[] _buffer = new float[dim];

        public TopKHeap[] Heaps { get; } = [.. queries.Select(_ => new TopKHeap(k))];

        public int Undefined { get; private set; }

        public void Rows(TensorView m, int start, int end)
        {
            int dim = _buffer.Length;
            bool direct = m.DType == TensorDType.Float32 && m.HasContiguousRows;
            // Rows back to back: one span for the whole chunk (one bounds check, no per-row lookups).
            var block = direct && m.IsContiguous ? m.RowBlockSpan<float>(start, end - start) : default;
            bool half = m.DType == TensorDType.Float16 && m.HasContiguousRows && queries.Length == 1;
            for (int r = start; r < end; r++)
            {
                ReadOnlySpan<float> row = half ? default : !block.IsEmpty ? block.Slice((r - start) * dim, dim) : direct ? m.RowSpan<float>(r) : Widen(m, r);
                // One kernel and one arithmetic for every query, so a query scores a row the same alone
                // or in a batch (TensorPrimitives sums in another order on AVX-512). A float16 row (one
                // query only) is widened in registers, never written out.
                var (first, rowSquares) = half ? RowKernels.DotAndSumSquares(m.RowSpan<Half>(r), queries[0]) : RowKernels.DotAndSumSquares(row, queries[0]);
                double ss = rowSquares;
                if (!(ss > 0) || double.IsInfinity(ss))
                {
                    Undefined++;
                    continue;
                }
                double inv = 1 / Math.Sqrt(ss);
                for (int q = 0; q < queries.Length; q++)
                {
                    float score = (float)((q == 0 ? first : RowKernels.Dot(row, queries[q])) * inv);
                    var heap = Heaps[q];
                    if (score >= heap.Threshold) heap.Offer(score, r);
                }
            }
        }

        private ReadOnlySpan<float> Widen(TensorView m, int r)
        {
            if (!m.HasContiguousRows)
            {
                m.ReadRow(r, _buffer);
                return _buffer;
            }
            switch (m.DType)
            {
                case TensorDType.Float16:
                    RowKernels.HalfToSingle(m.RowSpan<Half>(r), _buffer);
                    break;
                case TensorDType.BFloat16:
                    BFloat16Bits.ToSingle(m.RowSpan<ushort>(r), _buffer);
                    break;
                default:
                    m.ReadRow(r, _buffer);
                    break;
            }
            return _buffer;
        }
    }
}
