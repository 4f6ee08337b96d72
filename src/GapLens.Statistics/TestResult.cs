namespace GapLens.Statistics;

/// <summary>
/// A hypothesis test's outcome: the statistic, its p-value and (where it has one) degrees of
/// freedom, or null values with the reason when the test is undefined (e.g. constant differences).
/// </summary>
public sealed record TestResult(double? Statistic, double? PValue, double? Df, string Method, string? UndefinedReason = null)
{
    public static TestResult Undefined(string method, string reason) => new(null, null, null, method, reason);
}
