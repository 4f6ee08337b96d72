using System.Text.Json;
using GapLens.Perception.Annotations;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

/// <summary>The committed Perception Test fixture (tests/TestData/perception, made by
/// make_perception_fixtures.py) and its expected values.</summary>
internal static class Fixture
{
    private static readonly Lazy<JsonElement> ExpectedDoc = new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("expected.json"))).RootElement);

    private static readonly Lazy<PerceptionAnnotations> AnnotationsDoc = new(() => AnnotationReader.Read(PathOf("annotations.json"), AnnotationReadOptions.WithObjectTracks));

    public static JsonElement Expected => ExpectedDoc.Value;

    public static PerceptionAnnotations Annotations => AnnotationsDoc.Value;

    public static string PathOf(params string[] parts) => TestData.PathOf(["perception", .. parts]);

    public static double? Num(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    public static void Close(double? expected, double? actual, string what, double tol = 1e-12)
    {
        Assert.True(expected.HasValue == actual.HasValue, $"{what}: expected {expected?.ToString("R") ?? "undefined"}, got {actual?.ToString("R") ?? "undefined"}");
        if (expected is { } e) Assert.True(Math.Abs(e - actual!.Value) <= tol * Math.Max(1, Math.Abs(e)), $"{what}: expected {e:R}, got {actual!.Value:R}");
    }
}
