using System.Text.Json;
using GapLens.IO.Tensors;
using GapLens.Testing;

namespace GapLens.IO.Tests.Tensors;

/// <summary>tests/TestData/tensors: files written by torch 1.13 and numpy, and their expected values
/// (make_tensor_fixtures.py).</summary>
internal static class TensorFixtures
{
    private static readonly Lazy<JsonDocument> Expected = new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("expected.json"))));

    public static string PathOf(string name) => TestData.PathOf("tensors", name);

    public static IReadOnlyList<string> Filenames => [.. Expected.Value.RootElement.GetProperty("filenames").EnumerateArray().Select(e => e.GetString()!)];

    public static (long[] Shape, double[] Values) Of(string key)
    {
        var e = Expected.Value.RootElement.GetProperty("tensors").GetProperty(key);
        return ([.. e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64())], [.. e.GetProperty("values").EnumerateArray().Select(x => x.GetDouble())]);
    }

    /// <summary>Asserts shape and every value (exactly: reading widens without rounding), by
    /// element access and by the bulk copy.</summary>
    public static void AssertMatches(string key, TensorView view)
    {
        var (shape, values) = Of(key);
        Assert.Equal(shape, view.Shape);
        float[] all = view.ToArray();
        Assert.Equal(values.Length, all.Length);
        for (int i = 0; i < values.Length; i++) Assert.Equal((float)values[i], all[i]);
        if (shape.Length == 2)
        {
            for (int i = 0; i < values.Length; i++) Assert.Equal((float)values[i], view.GetFloat(i / shape[1], i % shape[1]));
        }
    }
}
