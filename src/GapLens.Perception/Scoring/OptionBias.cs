using System.Collections.Immutable;
using GapLens.Statistics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Does the model favour an option position? Per position, choices against correct options; and a
/// chi-square goodness-of-fit test of the chosen positions against the positions of the correct
/// options (scipy.stats.chisquare(chosen, correct); 2 df): a small p-value means the model's choices
/// are not distributed like the answers. Undefined when nothing is answered or a position never holds
/// the correct option.
/// </summary>
public sealed record OptionBias(ImmutableArray<OptionPositionStats> Positions, TestResult ChoicesVsAnswers);
