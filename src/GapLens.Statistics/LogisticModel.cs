using System.Collections.Immutable;

namespace GapLens.Statistics;

/// <summary>
/// A fitted binary logistic regression: P(y = 1 | x) = 1 / (1 + exp(-(x . Coefficients + Intercept))).
/// <paramref name="Converged"/> is false when the iteration limit was reached before the gradient
/// vanished (the values are then the last iterate); <paramref name="Objective"/> is the minimised value.
/// </summary>
public sealed record LogisticModel(ImmutableArray<double> Coefficients, double Intercept, int Iterations, bool Converged, double Objective)
{
    /// <summary>The modelled probability of the positive class for one row of features.</summary>
    public double PredictProbability(ReadOnlySpan<double> x)
    {
        if (x.Length != Coefficients.Length) throw new ArgumentException($"expected {Coefficients.Length} features, got {x.Length}", nameof(x));
        double z = Intercept;
        for (int j = 0; j < x.Length; j++) z += x[j] * Coefficients[j];
        return LogisticRegression.Sigmoid(z);
    }
}
