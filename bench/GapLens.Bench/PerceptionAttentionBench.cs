namespace GapLens.Bench;

/// <summary>Placeholder until the attention metrics exist.</summary>
internal static class PerceptionAttentionBench
{
    public static int Run(int questions, int frames, int side, int layers, int runs)
    {
        Console.WriteLine($"attention bench not yet implemented ({questions} {frames} {side} {layers} {runs})");
        return 0;
    }
}
