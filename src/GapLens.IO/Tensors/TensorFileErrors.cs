using GapLens.Core;

namespace GapLens.IO.Tensors;

/// <summary>The user errors the tensor readers share, each one line naming the file.</summary>
internal static class TensorFileErrors
{
    public static UserInputException Missing(string path, string name, IEnumerable<string> names) =>
        new($"{path}: no tensor \"{name}\" (tensors: {Describe(names)})");

    public static UserInputException UnsupportedDType(string path, string name, string dtype) =>
        new($"{path}: tensor \"{name}\" has dtype {dtype}; readable dtypes are float32, float16, bfloat16 and float64");

    public static UserInputException Corrupt(string path, string what) => new($"{path}: {what}");

    public static string Describe(IEnumerable<string> names)
    {
        var list = names.Select(n => n.Length == 0 ? "\"\"" : n).Take(11).ToList();
        if (list.Count == 0) return "none";
        return list.Count > 10 ? string.Join(", ", list.Take(10)) + ", ..." : string.Join(", ", list);
    }

    /// <summary>Opens a file for reading with the usual failures as user errors; returns its length.</summary>
    public static long CheckReadable(string path, string expected)
    {
        using var fs = Files.InputFile.OpenForReading(path, "tensor file", expected);
        return fs.Length;
    }
}
