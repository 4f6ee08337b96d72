using System.Collections.Immutable;

namespace GapLens.IO.Tensors;

/// <summary>One tensor a <see cref="SafetensorsWriter"/> writes: its name, dtype and shape.</summary>
public sealed record SafetensorsTensorSpec(string Name, TensorDType DType, ImmutableArray<long> Shape)
{
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape) n = checked(n * d);
            return n;
        }
    }

    public long ByteLength => checked(ElementCount * DType.SizeOf());
}
