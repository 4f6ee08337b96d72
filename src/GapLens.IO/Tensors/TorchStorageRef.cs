namespace GapLens.IO.Tensors;

/// <summary>A storage's persistent id in data.pkl: ('storage', type, key, location, numel).</summary>
internal sealed record TorchStorageRef(TorchStorageType Type, string Key, string Location, long Numel);
