namespace GapLens.IO.Documents;

/// <summary>One point of the agreement learning curve.</summary>
public sealed record LearningPointDocument(int N, double? QuadraticKappa);
