using System.Collections.Immutable;

namespace GapLens.Core.Reports.Rca;

/// <summary>Section 4: a label group's kept samples, one row per (input_path, object_name).</summary>
public sealed record RcaLabelSamples(string Group, ImmutableArray<RcaSample> Samples);
