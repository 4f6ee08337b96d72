using Razorvine.Pickle;

namespace GapLens.IO.Tensors;

/// <summary>
/// A torch storage class global (torch.FloatStorage, torch.HalfStorage, ...) as it appears inside a
/// storage's persistent id. Only its identity matters: it tells the element type. Never called.
/// </summary>
internal sealed class TorchStorageType(string name, TensorDType? dtype, int elementSize) : IObjectConstructor
{
    public string Name { get; } = name;

    /// <summary>Null for storages the readers do not read (integers, bool, complex, ...).</summary>
    public TensorDType? DType { get; } = dtype;

    public int ElementSize { get; } = elementSize;

    public object construct(object[] args) => throw new PickleException($"torch.{Name} cannot be called in a tensor file");
}
