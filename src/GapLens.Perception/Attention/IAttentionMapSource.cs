namespace GapLens.Perception.Attention;

/// <summary>
/// Where attention maps come from: the seam between the metrics (which work on in-memory
/// <see cref="AttentionMap"/>s) and files. <see cref="Load"/> is called from several threads at once.
/// </summary>
public interface IAttentionMapSource
{
    /// <summary>The questions that have maps, in a stable order.</summary>
    IReadOnlyList<AttentionMapKey> Keys { get; }

    /// <summary>Loads one question's maps; a malformed file is a <see cref="Core.UserInputException"/>.</summary>
    AttentionMap Load(AttentionMapKey key);
}
