namespace GapLens.Perception.Confidence;

/// <summary>An answered question's confidence under one signal, with the option distribution's margin
/// (top minus second probability) and normalised entropy when the signal is option probability.</summary>
internal readonly record struct QuestionConfidence(int Task, double Confidence, bool Correct, double? Margin, double? Entropy);
