using System.Collections;

namespace GapLens.IO.Tensors;

/// <summary>A Hashtable (what Razorvine.Pickle fills with SETITEMS) that remembers insertion order,
/// for collections.OrderedDict (state dicts keep their layer order).</summary>
#pragma warning disable CA1010, CA2229, CA2237 // never serialised; the pickle runtime needs a Hashtable
internal sealed class OrderedHashtable : Hashtable
#pragma warning restore CA1010, CA2229, CA2237
{
    private readonly List<object> _order = [];

    public IReadOnlyList<object> OrderedKeys => _order;

    public override object? this[object key]
    {
        get => base[key];
        set
        {
            if (!ContainsKey(key)) _order.Add(key);
            base[key] = value;
        }
    }

    public override void Add(object key, object? value)
    {
        base.Add(key, value);
        _order.Add(key);
    }
}
