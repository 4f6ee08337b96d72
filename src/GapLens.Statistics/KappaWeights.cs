namespace GapLens.Statistics;

/// <summary>Weighting of disagreements for Cohen's kappa on ordered categories.</summary>
public enum KappaWeights
{
    None,
    Linear,
    Quadratic,
}
