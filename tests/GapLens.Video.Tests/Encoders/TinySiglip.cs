using System.Text.Json;
using GapLens.Testing;

namespace GapLens.Video.Tests.Encoders;

/// <summary>tests/TestData/siglip_tiny: a tiny SigLIP stand-in and its numpy-computed expectations
/// (make_tiny_siglip.py).</summary>
internal static class TinySiglip
{
    public static readonly JsonElement Expected = JsonDocument.Parse(File.ReadAllBytes(PathOf("expected.json"))).RootElement;

    public static string PathOf(string name) => TestData.PathOf("siglip_tiny", name);

    public static string TextModel => PathOf("text_model.onnx");

    public static string VisionModel => PathOf("vision_model.onnx");

    public static string Spiece => PathOf("spiece.model");

    public static IReadOnlyList<JsonElement> Queries => [.. Expected.GetProperty("queries").EnumerateArray()];

    public static IReadOnlyList<JsonElement> Images => [.. Expected.GetProperty("images").EnumerateArray()];

    public static double[] Vector(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

    public static void AssertClose(double[] expected, float[] actual, double tolerance = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], tolerance);
    }
}
