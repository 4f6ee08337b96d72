namespace GapLens.Video.Agent;

/// <summary>A question the agent could not finish: <see cref="Exception.InnerException"/> is the cause (an
/// endpoint failure, an unreadable embeddings file...), <see cref="Rounds"/> the tool rounds completed.</summary>
public sealed class AgentException : Exception
{
    public AgentException(string message, int rounds, Exception inner) : base(message, inner) => Rounds = rounds;

    public AgentException() : this("agent failed", 0, new InvalidOperationException()) { }

    public AgentException(string message) : this(message, 0, new InvalidOperationException(message)) { }

    public AgentException(string message, Exception inner) : this(message, 0, inner) { }

    public int Rounds { get; }
}
