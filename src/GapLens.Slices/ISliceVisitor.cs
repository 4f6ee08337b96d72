namespace GapLens.Slices;

/// <summary>Receives every slice a <see cref="SliceSearch"/> finds, one at a time (never concurrently).</summary>
internal interface ISliceVisitor
{
    /// <param name="predicates">The slice's predicates, in ascending feature order (value indices of the features).</param>
    /// <param name="counts">Samples of the slice per outcome class (index 0: success).</param>
    void Visit(ReadOnlySpan<Predicate> predicates, ReadOnlySpan<long> counts);
}
