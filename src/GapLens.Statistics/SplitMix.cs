namespace GapLens.Statistics;

/// <summary>
/// SplitMix64 stream keyed by (seed, stream): cheap, well mixed, reproducible everywhere. Every
/// bootstrap draws resample b from stream b, so results do not depend on the number of cores.
/// </summary>
internal struct SplitMix(ulong seed, ulong stream)
{
    private ulong _state = Mix(seed ^ Mix(stream + 0x9E3779B97F4A7C15UL));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, n) by Lemire's multiply-shift (bias below 2^-32 for n &lt; 2^31).</summary>
    public int Next(int n)
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong r = Mix(_state) >> 32;
        return (int)((r * (ulong)n) >> 32);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return (Mix(_state) >> 11) * (1.0 / (1UL << 53));
    }
}
