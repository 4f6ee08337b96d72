namespace GapLens.IO.Tensors;

/// <summary>The arguments of torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, ...).</summary>
internal sealed record TorchTensorRef(TorchStorageRef Storage, long Offset, long[] Size, long[] Stride);
