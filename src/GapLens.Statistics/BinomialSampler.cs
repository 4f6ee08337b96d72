using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>
/// Exact binomial draws in constant expected time: inversion of the CDF from 0 when the mean is
/// small (n min(p, 1-p) &lt; 30), else BTPE (Kachitvichyanukul and Schmeiser, "Binomial random variate
/// generation", CACM 31(2), 1988), the triangle-parallelogram-exponential rejection sampler numpy
/// uses for the same range. Its cost does not grow with n (the earlier walk outward from the mode
/// took O(sqrt(npq)) steps: 0.25 s of a vlm_bcq run went to the report's F1 bootstraps).
/// Deterministic for a given uniform stream.
/// </summary>
internal static class BinomialSampler
{
    public static long Sample(ref SplitMix rng, long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Sample(ref rng, n, 1 - p);
        if (n * p < 30)
        {
            double q = 1 - p, ratio = p / q;
            double u = rng.NextDouble();
            double f = Math.Exp(n * Math.Log(q));
            long k = 0;
            while (u > f && k < n)
            {
                u -= f;
                k++;
                f *= (n - k + 1) / (double)k * ratio;
            }
            return k;
        }
        return Btpe(ref rng, n, p);
    }

    /// <summary>BTPE for p &lt;= 0.5 and np &gt;= 30; the step labels are the paper's.</summary>
    private static long Btpe(ref SplitMix rng, long n, double p)
    {
        double q = 1 - p, nrq = n * p * q;
        double fm = n * p + p;
        long m = (long)Math.Floor(fm);
        double p1 = Math.Floor(2.195 * Math.Sqrt(nrq) - 4.6 * q) + 0.5;
        double xm = m + 0.5, xl = xm - p1, xr = xm + p1;
        double c = 0.134 + 20.5 / (15.3 + m);
        double a = (fm - xl) / (fm - xl * p);
        double laml = a * (1 + a / 2);
        a = (xr - fm) / (xr * q);
        double lamr = a * (1 + a / 2);
        double p2 = p1 * (1 + 2 * c), p3 = p2 + c / laml, p4 = p3 + c / lamr;
        while (true)
        {
            // Step 1: the triangular region is accepted at once.
            double u = rng.NextDouble() * p4, v = rng.NextDouble();
            long y;
            if (u <= p1) return (long)Math.Floor(xm - p1 * v + u);
            if (u <= p2)
            {
                // Step 2: the parallelograms.
                double x = xl + (u - p1) / c;
                v = v * c + 1 - Math.Abs(m - x + 0.5) / p1;
                if (v > 1) continue;
                y = (long)Math.Floor(x);
            }
            else if (u <= p3)
            {
                // Step 3: the left exponential tail.
                if (v == 0) continue;
                y = (long)Math.Floor(xl + Math.Log(v) / laml);
                if (y < 0) continue;
                v *= (u - p2) * laml;
            }
            else
            {
                // Step 4: the right exponential tail.
                if (v == 0) continue;
                y = (long)Math.Floor(xr - Math.Log(v) / lamr);
                if (y > n) continue;
                v *= (u - p3) * lamr;
            }
            long k = Math.Abs(y - m);
            if (k <= 20 || k >= nrq / 2 - 1)
            {
                // Step 5.1: f(y)/f(m) by the recurrence.
                double s = p / q, aa = s * (n + 1), f = 1;
                if (m < y)
                {
                    for (long i = m + 1; i <= y; i++) f *= aa / i - s;
                }
                else
                {
                    for (long i = y + 1; i <= m; i++) f /= aa / i - s;
                }
                if (v <= f) return y;
                continue;
            }
            // Step 5.2: squeeze on log(v), then the Stirling-series bound.
            double rho = k / nrq * ((k * (k / 3.0 + 0.625) + 1.0 / 6) / nrq + 0.5);
            double t = -k * (double)k / (2 * nrq);
            double logV = Math.Log(v);
            if (logV < t - rho) return y;
            if (logV > t + rho) continue;
            double x1 = y + 1, f1 = m + 1, z = n + 1 - m, w = n - y + 1;
            double bound = xm * Math.Log(f1 / x1) + (n - m + 0.5) * Math.Log(z / w) + (y - m) * Math.Log(w * p / (x1 * q))
                + Stirling(f1) + Stirling(z) + Stirling(x1) + Stirling(w);
            if (logV <= bound) return y;
        }
    }

    /// <summary>The Stirling series correction of BTPE's step 5.3 at x: 1/(12x) - 1/(360x^3) + 1/(1260x^5)
    /// - 1/(1680x^7) + 1/(1188x^9), over the common denominator 166320 (the paper's and numpy's
    /// listing print 13680 for 13860 = 166320 / 12).</summary>
    private static double Stirling(double x)
    {
        double x2 = x * x;
        return (13860.0 - (462.0 - (132.0 - (99.0 - 140.0 / x2) / x2) / x2) / x2) / x / 166320.0;
    }
}
