using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>The Review list: the filter choices, how many items match, and the top of the ranking.</summary>
public sealed record ReviewListDocument(int Total, ImmutableArray<string> Models, ImmutableArray<string> TaskTypes, ImmutableArray<ReviewRowDocument> Rows);
