using System.Collections;
using System.Numerics;
using Razorvine.Pickle;

namespace GapLens.IO.Tensors;

/// <summary>The pickle globals a torch .pt file uses, as Razorvine.Pickle constructors.</summary>
internal static class TorchPickleConstructors
{
    /// <summary>Storage classes by global name (torch.FloatStorage, ...); those with a null dtype are
    /// recognised so their tensors can be listed and refused with a clear message.</summary>
    public static readonly IReadOnlyList<TorchStorageType> StorageTypes =
    [
        new("FloatStorage", TensorDType.Float32, 4),
        new("HalfStorage", TensorDType.Float16, 2),
        new("BFloat16Storage", TensorDType.BFloat16, 2),
        new("DoubleStorage", TensorDType.Float64, 8),
        new("LongStorage", null, 8),
        new("IntStorage", null, 4),
        new("ShortStorage", null, 2),
        new("CharStorage", null, 1),
        new("ByteStorage", null, 1),
        new("BoolStorage", null, 1),
        new("ComplexFloatStorage", null, 8),
        new("ComplexDoubleStorage", null, 16),
        new("QInt8Storage", null, 1),
        new("QUInt8Storage", null, 1),
        new("QInt32Storage", null, 4),
    ];

    public static long ToInt64(object? value, string what) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b when b >= long.MinValue && b <= long.MaxValue => (long)b,
        _ => throw new PickleException($"{what} is {value ?? "None"}, expected an integer"),
    };

    public static long[] ToInt64Array(object? value, string what) => value switch
    {
        object[] tuple => [.. tuple.Select(v => ToInt64(v, what))],
        ArrayList list => [.. list.Cast<object?>().Select(v => ToInt64(v, what))],
        _ => throw new PickleException($"{what} is not a tuple of integers"),
    };

    /// <summary>torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata]).</summary>
    public sealed class RebuildTensor : IObjectConstructor
    {
        public object construct(object[] args)
        {
            if (args.Length < 4 || args[0] is not TorchStorageRef storage) throw new PickleException("_rebuild_tensor_v2 without a storage");
            return new TorchTensorRef(storage, ToInt64(args[1], "storage_offset"), ToInt64Array(args[2], "size"), ToInt64Array(args[3], "stride"));
        }
    }

    /// <summary>torch._utils._rebuild_parameter(data, requires_grad, backward_hooks): the tensor itself.</summary>
    public sealed class RebuildParameter : IObjectConstructor
    {
        public object construct(object[] args) => args.Length > 0 && args[0] is TorchTensorRef t ? t : throw new PickleException("_rebuild_parameter without a tensor");
    }

    /// <summary>collections.OrderedDict(): an empty table that SETITEMS fills in order.</summary>
    public sealed class OrderedDict : IObjectConstructor
    {
        public object construct(object[] args) => new OrderedHashtable();
    }
}
