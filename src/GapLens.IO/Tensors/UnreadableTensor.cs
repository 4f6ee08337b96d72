using System.Collections.Immutable;

namespace GapLens.IO.Tensors;

/// <summary>A tensor in a torch file whose dtype the readers do not read (int64, bool, ...): listed
/// with its dtype and shape, refused by <see cref="ITensorFile.Get"/>.</summary>
public sealed record UnreadableTensor(string StorageType, ImmutableArray<long> Shape);
