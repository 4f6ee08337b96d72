namespace GapLens.IO.Tensors;

/// <summary>The element types the tensor readers read (all little-endian floating point).</summary>
public enum TensorDType
{
    Float32,
    Float16,
    BFloat16,
    Float64,
}
