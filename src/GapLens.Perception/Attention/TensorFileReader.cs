using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Tensors;

namespace GapLens.Perception.Attention;

/// <summary>
/// Reads an attention map through the shared tensor readers of GapLens.IO.Tensors: <c>.npy</c>
/// (numpy.save; C or Fortran order) and <c>.safetensors</c> (one tensor per file, any name), in
/// float32, float16, bfloat16 or float64. Values come out as float in C order; the layout checks
/// (dtype, shape against the data) are the readers'. Every problem is a user error naming the file.
/// </summary>
internal sealed class TensorFileReader : ITensorFileReader
{
    public IReadOnlyList<string> Extensions { get; } = [".npy", ".safetensors"];

    public TensorData Read(string path)
    {
        try
        {
            using ITensorFile file = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? NpyFile.Open(path) : SafetensorsFile.Open(path);
            if (file.Names.Count != 1)
            {
                throw new UserInputException($"attention map {path} holds {file.Names.Count} tensors ({string.Join(", ", file.Names.Take(10))}); a map file holds exactly one, shaped [layers?][heads?][frames][h][w].");
            }
            var view = file.Get(file.Names[0]);
            if (view.ElementCount > Array.MaxLength) throw new UserInputException(FormattableString.Invariant($"attention map {path} has {view.ElementCount:#,0} values; at most {Array.MaxLength:#,0} fit in one map."));
            var values = view.ToArray();
            // After the conversion: a float64 value beyond float32's range is as unusable as a NaN.
            for (int i = 0; i < values.Length; i++)
            {
                if (float.IsFinite(values[i])) continue;
                throw new UserInputException(FormattableString.Invariant($"attention map {path} holds a non-finite value ({values[i]}) at flat index {i}; maps must be finite."));
            }
            return new TensorData([.. view.Shape.Select(d => checked((int)d))], values);
        }
        catch (UserInputException ex) when (!ex.Message.StartsWith("attention map", StringComparison.Ordinal))
        {
            throw new UserInputException("attention map " + ex.Message, ex);
        }
    }
}
