using System.Text.Json;

namespace GapLens.Testing;

/// <summary>Paths into tests/TestData (copied next to every test assembly) and the Python fixtures.</summary>
public static class TestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>The root of a JSON fixture under TestData.</summary>
    public static JsonElement Json(params string[] parts) => JsonDocument.Parse(File.ReadAllBytes(PathOf(parts))).RootElement;

    /// <summary>The 64 bits of a double in hex, as the Python fixtures record them (struct.pack('>d', v).hex()).</summary>
    public static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Lazy<JsonDocument> PythonReferenceDoc =
        new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("python", "python_reference.json"))));

    /// <summary>tests/TestData/python/python_reference.json: values computed by CPython (see make_fixtures.py).</summary>
    public static JsonElement PythonReference => PythonReferenceDoc.Value.RootElement;
}
