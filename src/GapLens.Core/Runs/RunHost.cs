namespace GapLens.Core.Runs;

/// <summary>The machine a run ran on, as far as it shapes results and speed.</summary>
public sealed record RunHost(string Os, string Runtime, int Processors);
