using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>An item on the Review page: the item with its model, every submission (annotator, answer,
/// time), the humans' consensus and every judge's file.</summary>
public sealed record ReviewItemDocument(ItemDocument Item, string Consensus, ImmutableArray<SubmissionDocument> Log, ImmutableArray<JudgeDocument> Judges);
