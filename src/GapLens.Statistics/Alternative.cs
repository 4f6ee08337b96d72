namespace GapLens.Statistics;

/// <summary>The alternative hypothesis, as scipy names it.</summary>
public enum Alternative
{
    TwoSided,
    Less,
    Greater,
}
