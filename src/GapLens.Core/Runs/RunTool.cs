namespace GapLens.Core.Runs;

/// <summary>The program that made a run: name, version and the git commit it was built from (null when unknown).</summary>
public sealed record RunTool(string Name, string Version, string? Commit);
