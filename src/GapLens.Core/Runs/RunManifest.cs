using System.Collections.Immutable;

namespace GapLens.Core.Runs;

/// <summary>
/// The run record every verb writes next to its outputs (<c>gaplens_run.json</c>; schema in
/// docs/run-manifest.schema.json): what ran (tool version and commit, verb, command line, resolved
/// options), on what (input paths with sizes and content hashes), with which seed and judge, when, how
/// it ended, and every output file with its size and hash. It is written last, after every output is
/// in place, so a folder whose manifest lists files that all match is a complete set; anything else
/// (no manifest, a file missing or different) is not.
/// </summary>
public sealed record RunManifest
{
    public const string CurrentFormat = "gaplens.run/1";

    public string Format { get; init; } = CurrentFormat;

    public required RunTool Tool { get; init; }

    /// <summary>The verb as typed, e.g. "gap_analysis vcn_aoi", "judge", "analyze stats".</summary>
    public required string Verb { get; init; }

    /// <summary>The arguments after the program name, credentials redacted.</summary>
    public required ImmutableArray<string> CommandLine { get; init; }

    /// <summary>The resolved options (defaults filled in), as text, credentials redacted.</summary>
    public required ImmutableSortedDictionary<string, string?> Options { get; init; }

    public required ImmutableArray<RunFile> Inputs { get; init; }

    public ImmutableArray<RunFile> Outputs { get; init; } = [];

    /// <summary>The seed of every random choice the run made (null: the run made none).</summary>
    public ulong? Seed { get; init; }

    /// <summary>Who judged, where a judge scored items: endpoint model id, prompt template id and
    /// hash, temperature, redacted base URL.</summary>
    public ImmutableSortedDictionary<string, string>? Judge { get; init; }

    public required RunHost Host { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public DateTimeOffset? EndedUtc { get; init; }

    /// <summary>Null while the run is still going (a long run records itself at start too).</summary>
    public RunResult? Outcome { get; init; }
}
