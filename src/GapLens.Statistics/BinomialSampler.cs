using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>
/// Exact binomial draws: inversion of the CDF, walking from 0 when the mean is small and outward from
/// the mode otherwise (O(sqrt(npq)) steps), so draws with n in the millions stay cheap. Deterministic
/// for a given uniform stream.
/// </summary>
internal static class BinomialSampler
{
    public static long Sample(ref SplitMix rng, long n, double p)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n == 0 || p <= 0) return 0;
        if (p >= 1) return n;
        if (p > 0.5) return n - Sample(ref rng, n, 1 - p);
        double q = 1 - p, ratio = p / q;
        double u = rng.NextDouble();
        if (n * p < 20)
        {
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
        long mode = (long)Math.Floor((n + 1) * p);
        double fm = Math.Exp(SpecialFunctions.LogGamma(n + 1.0) - SpecialFunctions.LogGamma(mode + 1.0) - SpecialFunctions.LogGamma(n - mode + 1.0)
            + mode * Math.Log(p) + (n - mode) * Math.Log(q));
        u -= fm;
        if (u <= 0) return mode;
        long lo = mode, hi = mode;
        double fl = fm, fh = fm;
        while (true)
        {
            bool moved = false;
            if (lo > 0)
            {
                fl *= lo / (double)(n - lo + 1) / ratio;
                lo--;
                u -= fl;
                if (u <= 0) return lo;
                moved = true;
            }
            if (hi < n)
            {
                fh *= (n - hi) / (double)(hi + 1) * ratio;
                hi++;
                u -= fh;
                if (u <= 0) return hi;
                moved = true;
            }
            if (!moved || (fl < 1e-300 && fh < 1e-300)) return mode; // rounding left u > 0: the mass is exhausted
        }
    }
}
