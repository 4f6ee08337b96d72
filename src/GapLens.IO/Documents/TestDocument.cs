namespace GapLens.IO.Documents;

/// <summary>A statistical test in a results file: statistic, p-value, degrees of freedom, method, and why it is undefined when it is.</summary>
public sealed record TestDocument(double? Statistic, double? PValue, double? Df, string Method, string? Reason);
