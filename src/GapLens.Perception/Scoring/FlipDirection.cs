namespace GapLens.Perception.Scoring;

/// <summary>How a question's correctness changed from answers A to answers B.</summary>
public enum FlipDirection
{
    /// <summary>A was wrong, B is right.</summary>
    Fixed,

    /// <summary>A was right, B is wrong.</summary>
    Broken,
}
