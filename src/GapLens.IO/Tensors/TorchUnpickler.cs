using Razorvine.Pickle;

namespace GapLens.IO.Tensors;

/// <summary>
/// Unpickles torch's data.pkl: storages come back as <see cref="TorchStorageRef"/> from their persistent
/// ids, tensors as <see cref="TorchTensorRef"/>. The constructors are registered once, in the static
/// constructor, in Razorvine's process-wide table (its API has no per-instance registry); they are
/// stateless, so sharing them is safe.
/// </summary>
internal sealed class TorchUnpickler : Unpickler
{
    static TorchUnpickler()
    {
        foreach (var t in TorchPickleConstructors.StorageTypes) registerConstructor("torch", t.Name, t);
        registerConstructor("torch._utils", "_rebuild_tensor_v2", new TorchPickleConstructors.RebuildTensor());
        registerConstructor("torch._utils", "_rebuild_parameter", new TorchPickleConstructors.RebuildParameter());
        registerConstructor("collections", "OrderedDict", new TorchPickleConstructors.OrderedDict());
    }

    protected override object persistentLoad(object pid)
    {
        if (pid is not object[] { Length: 5 } t || t[0] as string != "storage")
            throw new PickleException($"unexpected persistent id {Describe(pid)}; expected ('storage', type, key, location, numel)");
        if (t[1] is not TorchStorageType type) throw new PickleException($"unknown storage type {Describe(t[1])}");
        if (t[2] is not string key || t[3] is not string location) throw new PickleException("storage key and location must be strings");
        return new TorchStorageRef(type, key, location, TorchPickleConstructors.ToInt64(t[4], "storage numel"));
    }

    private static string Describe(object? o) => o switch
    {
        null => "None",
        object[] a => "(" + string.Join(", ", a.Select(Describe)) + ")",
        Razorvine.Pickle.Objects.ClassDictConstructor c => $"{c.module}.{c.name}",
        _ => o.ToString() ?? "?",
    };
}
