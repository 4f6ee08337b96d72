namespace GapLens.Perception.Attention;

/// <summary>Which end of a task an overlay shows.</summary>
public enum OverlayKind
{
    /// <summary>The task's question whose attention scores best on the chosen metric.</summary>
    Strongest,

    /// <summary>The task's question whose attention scores worst.</summary>
    Weakest,
}
