using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>The first thing a report says: one headline whose tone follows the cost of acting on it, and the points behind it.</summary>
public sealed record Verdict(Tone Tone, string Headline, ImmutableArray<string> Points);
