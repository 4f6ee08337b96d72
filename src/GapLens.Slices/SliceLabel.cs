namespace GapLens.Slices;

/// <summary>How a slice is written: "model = a &amp; duration in (12.5, 30] &amp; tags has counting"; a missing value as "model is missing".</summary>
public static class SliceLabel
{
    public const string Separator = " & ";

    public static string Of(FeatureTable table, IEnumerable<Predicate> predicates)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(predicates);
        return string.Join(Separator, predicates.Select(p => Of(table.Features[p.Feature], p.Value)));
    }

    public static string Of(FeatureColumn feature, int value)
    {
        ArgumentNullException.ThrowIfNull(feature);
        string v = feature.Values[value];
        if (v == ColumnBuilder.MissingLabel) return feature.Name + " is missing";
        return feature.Kind switch
        {
            FeatureKind.Numeric => $"{feature.Name} in {v}",
            FeatureKind.List => $"{feature.Name} has {v}",
            _ => $"{feature.Name} = {v}",
        };
    }
}
