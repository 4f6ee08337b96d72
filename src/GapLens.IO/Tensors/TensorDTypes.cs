namespace GapLens.IO.Tensors;

/// <summary>Sizes and names of <see cref="TensorDType"/> in the three file formats.</summary>
public static class TensorDTypes
{
    public static int SizeOf(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => 4,
        TensorDType.Float16 => 2,
        TensorDType.BFloat16 => 2,
        TensorDType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The safetensors name: F32, F16, BF16, F64.</summary>
    public static string SafetensorsName(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => "F32",
        TensorDType.Float16 => "F16",
        TensorDType.BFloat16 => "BF16",
        TensorDType.Float64 => "F64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    /// <summary>The torch name, as in messages: float32, float16, bfloat16, float64.</summary>
    public static string TorchName(this TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => "float32",
        TensorDType.Float16 => "float16",
        TensorDType.BFloat16 => "bfloat16",
        TensorDType.Float64 => "float64",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };
}
