using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>A dense tensor read from a file: its shape and its values in C order, as float.</summary>
internal sealed record TensorData(ImmutableArray<int> Shape, float[] Values);
