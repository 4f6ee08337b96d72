namespace GapLens.Slices;

/// <summary>How a feature's values become predicates.</summary>
public enum FeatureKind
{
    /// <summary>Each value is a predicate (feature = value); numbers with few distinct values too.</summary>
    Categorical,

    /// <summary>Numbers cut into quantile bins; each bin is a predicate (feature in (a, b]).</summary>
    Numeric,

    /// <summary>A list per sample (e.g. multi-label question types): a sample is in the slice of each of its values.</summary>
    List,
}
