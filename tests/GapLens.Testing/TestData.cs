using System.Text.Json;

namespace GapLens.Testing;

/// <summary>Paths into tests/TestData (copied next to every test assembly) and the Python fixtures.</summary>
public static class TestData
{
    public static string PathOf(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    private static readonly Lazy<JsonDocument> PythonReferenceDoc =
        new(() => JsonDocument.Parse(File.ReadAllBytes(PathOf("python", "python_reference.json"))));

    /// <summary>tests/TestData/python/python_reference.json: values computed by CPython (see make_fixtures.py).</summary>
    public static JsonElement PythonReference => PythonReferenceDoc.Value.RootElement;
}
