using System.Runtime.CompilerServices;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>
/// Rasterises the union of boxes onto a map grid with exact partial-cell coverage: each cell gets the
/// share of its area covered by at least one box (0..1), overlapping boxes counted once. Boxes are in
/// normalised frame coordinates; the grid covers the frame, or the <c>crop</c> region of it when the
/// map was computed on a crop. Method: sweep the x edges of the boxes; between two edges the boxes
/// spanning that strip are fixed, their y intervals are merged, and each merged rectangle adds its
/// overlap with every cell it touches. Exact up to floating-point rounding.
/// </summary>
public static class BoxRaster
{
    /// <param name="boxes">Boxes, normalised [x1, y1, x2, y2] of the frame.</param>
    /// <param name="height">Map rows.</param>
    /// <param name="width">Map columns.</param>
    /// <param name="coverage">Receives height x width coverages, row-major (cleared first).</param>
    /// <param name="crop">The part of the frame the map covers, or null for all of it.</param>
    /// <returns>The covered area in cells (the sum of the coverages).</returns>
    public static double Rasterise(ReadOnlySpan<NormalizedBox> boxes, int height, int width, Span<double> coverage, NormalizedBox? crop = null)
    {
        if (coverage.Length != height * width) throw new ArgumentException("one coverage per cell", nameof(coverage));
        coverage.Clear();
        double cx = crop?.X1 ?? 0, cy = crop?.Y1 ?? 0;
        double sx = width / ((crop?.X2 ?? 1) - cx), sy = height / ((crop?.Y2 ?? 1) - cy);
        Span<double> x1 = boxes.Length <= 64 ? stackalloc double[boxes.Length] : new double[boxes.Length];
        Span<double> x2 = boxes.Length <= 64 ? stackalloc double[boxes.Length] : new double[boxes.Length];
        Span<double> y1 = boxes.Length <= 64 ? stackalloc double[boxes.Length] : new double[boxes.Length];
        Span<double> y2 = boxes.Length <= 64 ? stackalloc double[boxes.Length] : new double[boxes.Length];
        int n = 0;
        for (int i = 0; i < boxes.Length; i++)
        {
            var b = boxes[i];
            double a = Math.Clamp((b.X1 - cx) * sx, 0, width), c = Math.Clamp((b.X2 - cx) * sx, 0, width);
            double d = Math.Clamp((b.Y1 - cy) * sy, 0, height), e = Math.Clamp((b.Y2 - cy) * sy, 0, height);
            if (!(c > a && e > d)) continue; // empty, or outside the mapped region
            x1[n] = a;
            x2[n] = c;
            y1[n] = d;
            y2[n] = e;
            n++;
        }
        if (n == 0) return 0;
        Span<double> edges = n <= 32 ? stackalloc double[2 * n] : new double[2 * n];
        x1[..n].CopyTo(edges);
        x2[..n].CopyTo(edges[n..]);
        edges.Sort();
        Span<double> lo = n <= 64 ? stackalloc double[n] : new double[n];
        Span<double> hi = n <= 64 ? stackalloc double[n] : new double[n];
        double total = 0;
        for (int k = 0; k + 1 < edges.Length; k++)
        {
            double xa = edges[k], xb = edges[k + 1];
            if (!(xb > xa)) continue;
            // The y intervals of the boxes spanning this strip, merged.
            int m = 0;
            for (int i = 0; i < n; i++)
            {
                if (x1[i] <= xa && x2[i] >= xb)
                {
                    lo[m] = y1[i];
                    hi[m] = y2[i];
                    m++;
                }
            }
            if (m == 0) continue;
            lo[..m].Sort(hi[..m]);
            double ya = lo[0], yb = hi[0];
            for (int i = 1; i <= m; i++)
            {
                if (i < m && lo[i] <= yb)
                {
                    yb = Math.Max(yb, hi[i]);
                    continue;
                }
                total += AddRectangle(coverage, width, xa, xb, ya, yb);
                if (i < m)
                {
                    ya = lo[i];
                    yb = hi[i];
                }
            }
        }
        foreach (ref double c in coverage) c = Math.Min(c, 1.0); // disjoint pieces of one cell sum to <= 1 up to rounding
        return total;
    }

    /// <summary>Adds the overlap of [xa, xb] x [ya, yb] (grid units) with every cell; returns its area.</summary>
    private static double AddRectangle(Span<double> coverage, int width, double xa, double xb, double ya, double yb)
    {
        int c0 = (int)Math.Floor(xa), c1 = Math.Min(width - 1, (int)Math.Ceiling(xb) - 1);
        int r0 = (int)Math.Floor(ya), r1 = Math.Min(coverage.Length / width - 1, (int)Math.Ceiling(yb) - 1);
        for (int r = r0; r <= r1; r++)
        {
            double dy = Math.Min(yb, r + 1) - Math.Max(ya, r);
            if (dy <= 0) continue;
            var row = coverage.Slice(r * width, width);
            for (int c = c0; c <= c1; c++)
            {
                double dx = Math.Min(xb, c + 1) - Math.Max(xa, c);
                if (dx > 0) row[c] += dx * dy;
            }
        }
        return (xb - xa) * (yb - ya);
    }
}
