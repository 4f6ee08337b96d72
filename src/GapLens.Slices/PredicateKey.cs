namespace GapLens.Slices;

/// <summary>A slice of one to three predicates as a dictionary key (unused places are (-1, -1)).</summary>
internal readonly record struct PredicateKey(Predicate A, Predicate B, Predicate C)
{
    private static readonly Predicate None = new(-1, -1);

    public static PredicateKey Of(ReadOnlySpan<Predicate> p) => p.Length switch
    {
        1 => new(p[0], None, None),
        2 => new(p[0], p[1], None),
        3 => new(p[0], p[1], p[2]),
        _ => throw new ArgumentException("one to three predicates", nameof(p)),
    };
}
