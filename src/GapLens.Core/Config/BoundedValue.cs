namespace GapLens.Core.Config;

/// <summary>One numeric option's value with its name (as the user writes it) and its declared range.
/// Options records list theirs (<c>IJobOptions.Numbers</c>); <see cref="CheckAll"/> checks them.</summary>
public readonly record struct BoundedValue(string Name, double? Value, ValueRange Range)
{
    /// <summary>Checks every value in order; the first one out of range is a user error.</summary>
    public static void CheckAll(IEnumerable<BoundedValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var v in values) v.Range.Check(v.Name, v.Value);
    }
}
