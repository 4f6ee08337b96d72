namespace GapLens.Perception.Json;

/// <summary>What <see cref="ObjectMembers.TryNext"/> found.</summary>
internal enum MemberStep
{
    /// <summary>A member: its key and value ranges are set.</summary>
    Member,

    /// <summary>The object's closing brace.</summary>
    End,

    /// <summary>The span ends inside the member: read more and retry from the same position.</summary>
    NeedMore,
}
