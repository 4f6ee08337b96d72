namespace GapLens.Core.Reports;

/// <summary>Which way a number is better, shown wherever a person reads it.</summary>
public enum Direction
{
    Neutral,
    HigherIsBetter,
    LowerIsBetter,
}
