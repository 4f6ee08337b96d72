using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Core.Runs;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Reporting.Html;

namespace GapLens.Jobs;

/// <summary>
/// The front page of every run folder (<c>index.html</c>), made by the job layer at commit time from
/// the output set's files and the run record, so no job writes code of its own for it: every output
/// linked with one line on what it is (<see cref="ArtifactCatalog"/>), pages first; files of a
/// subfolder collapsed into one row; runs in subfolders (the demo's jobs) linked to their own front
/// pages; the run record's facts (version, command, inputs with fingerprints, seed, judge) at the bottom.
/// </summary>
public static class RunIndex
{
    public const string Kind = "gaplens.run_index";

    /// <summary>A complete run found in a subfolder of this run's folder.</summary>
    public sealed record SubRun(string Folder, string Verb, string? Headline, RunStatus? Status, bool HasIndex);

    public static string Render(RunManifest manifest, IReadOnlyList<SubRun> subRuns) =>
        HtmlReportRenderer.Render(Build(manifest, subRuns), new Dictionary<string, Reporting.Figures.RenderedFigure>(), new Dictionary<string, byte[]>());

    /// <summary>
    /// The front page of a folder that is written over time rather than committed as one set (the
    /// judge's evaluator folder: score files written item by item and resumed, a run record per run
    /// under <c>_runs/</c>): every file found there now (but this page and <paramref name="skip"/>
    /// folders), grouped by top folder, with <paramref name="recordPath"/> (relative: this run's
    /// record) linked where a committed run links gaplens_run.json.
    /// </summary>
    public static string RenderFolder(RunManifest manifest, string dir, string recordPath, Func<string, string?> describe, IReadOnlyCollection<string> skip)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(skip);
        var files = new List<RunFile>();
        foreach (var f in new DirectoryInfo(dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            string rel = Path.GetRelativePath(dir, f.FullName).Replace('\\', '/');
            if (rel == OutputSet.IndexName || skip.Any(s => rel.StartsWith(s, StringComparison.Ordinal))) continue;
            files.Add(new RunFile(rel, RunFileKind.File, f.Length, null));
        }
        var page = Build(manifest with { Outputs = [.. files] }, [], recordPath, describe);
        return HtmlReportRenderer.Render(page, new Dictionary<string, Reporting.Figures.RenderedFigure>(), new Dictionary<string, byte[]>());
    }

    public static Report Build(RunManifest manifest, IReadOnlyList<SubRun> subRuns, string recordPath = OutputSet.ManifestName, Func<string, string?>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(subRuns);
        string Describe(string relative) => describe?.Invoke(relative) ?? ArtifactCatalog.Describe(relative);
        var rows = new List<(int Rank, string Sort, ImmutableArray<Cell> Cells)>();
        foreach (var group in manifest.Outputs.Where(f => f.Path != OutputSet.IndexName).GroupBy(f => Folder(f.Path)))
        {
            if (group.Key is null)
            {
                foreach (var f in group) rows.Add((Rank(f.Path), f.Path, [new LinkCell(f.Path, f.Path), Describe(f.Path), Cell.Count(f.Bytes)]));
            }
            else
            {
                string folder = group.Key + "/";
                int n = group.Count();
                rows.Add((5, folder, [new LinkCell(folder, string.Create(CultureInfo.InvariantCulture, $"{folder} ({n:#,0} file{(n == 1 ? "" : "s")})")),
                    Describe(folder), Cell.Count(group.Sum(f => f.Bytes))]));
            }
        }
        rows.Add((6, recordPath, [new LinkCell(recordPath, recordPath), ArtifactCatalog.Describe(OutputSet.ManifestName), Cell.Of("")]));
        var files = new Table("files", null,
            [new TableColumn("file", "file"), new TableColumn("what", "what it is"), new TableColumn("bytes", "bytes", Numeric: true)],
            [.. rows.OrderBy(r => r.Rank).ThenBy(r => r.Sort, StringComparer.Ordinal).Select(r => r.Cells)]);
        var sections = new List<ReportSection>();
        if (subRuns.Count > 0)
        {
            var runs = new Table("runs", null,
                [new TableColumn("folder", "run"), new TableColumn("verb", "verb"), new TableColumn("status", "status"), new TableColumn("found", "what it found")],
                [.. subRuns.OrderBy(s => s.Folder, StringComparer.Ordinal).Select(s => ImmutableArray.Create<Cell>(
                    new LinkCell(s.Folder + "/" + (s.HasIndex ? OutputSet.IndexName : OutputSet.ManifestName), s.Folder + "/"),
                    Cell.Mono(s.Verb), Status(s.Status), s.Headline ?? ""))]);
            sections.Add(new ReportSection("runs", "Runs in this folder", [new TableBlock(runs)]));
        }
        sections.Add(new ReportSection("files", "Files of this run", [new TableBlock(files)]));
        var outcome = manifest.Outcome;
        var verdict = outcome is null
            ? new Verdict(Tone.Warning, "This run has not ended.", [])
            : new Verdict(outcome.Status == RunStatus.Passed ? Tone.Info : Tone.Bad, outcome.Headline ?? outcome.Status.ToString(),
                [.. outcome.Message is { } m ? [m] : Array.Empty<string>()]);
        return new Report(Kind, $"GapLens run: {manifest.Verb}", string.Create(CultureInfo.InvariantCulture, $"Started {manifest.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC"),
            verdict, [.. sections], Facts(manifest));
    }

    /// <summary>The complete runs (a readable manifest) in the subfolders of a folder, three levels deep at most.</summary>
    public static IReadOnlyList<SubRun> FindSubRuns(string dir)
    {
        var found = new List<SubRun>();
        IEnumerable<string> manifests;
        try
        {
            manifests = Directory.EnumerateFiles(dir, OutputSet.ManifestName, new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true }).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return found;
        }
        foreach (string path in manifests)
        {
            string folder = Path.GetDirectoryName(path)!;
            if (string.Equals(Path.GetFullPath(folder), Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)) continue;
            RunManifest? m;
            try
            {
                m = GapLensJson.ReadManifest(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                continue;
            }
            if (m is null) continue;
            found.Add(new SubRun(Path.GetRelativePath(dir, folder).Replace('\\', '/'), m.Verb, m.Outcome?.Headline, m.Outcome?.Status,
                File.Exists(Path.Combine(folder, OutputSet.IndexName))));
        }
        return found;
    }

    private static Cell Status(RunStatus? s) => s switch
    {
        RunStatus.Passed => new BadgeCell("passed", Tone.Good),
        null => new BadgeCell("not ended", Tone.Warning),
        { } other => new BadgeCell(other switch { RunStatus.GateFailed => "gate failed", _ => other.ToString().ToLowerInvariant() }, Tone.Bad),
    };

    private static string? Folder(string relative)
    {
        int slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? relative[..slash] : null;
    }

    /// <summary>Pages first (what a person opens), then data, then charts and images.</summary>
    private static int Rank(string relative) => Path.GetExtension(relative).ToLowerInvariant() switch
    {
        ".html" => 0,
        ".md" or ".txt" => 1,
        ".json" or ".jsonl" or ".parquet" or ".csv" => 2,
        ".png" or ".svg" or ".jpg" or ".jpeg" => 3,
        _ => 4,
    };

    private static ImmutableArray<ReportFact> Facts(RunManifest m)
    {
        var ic = CultureInfo.InvariantCulture;
        var facts = new List<ReportFact>
        {
            new("tool", $"{m.Tool.Name} {m.Tool.Version}" + (m.Tool.Commit is { } c ? $" (commit {c})" : "")),
            new("verb", m.Verb),
            new("command line", m.CommandLine.IsDefaultOrEmpty ? "(library call)" : string.Join(' ', m.CommandLine)),
            new("started", m.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", ic)),
        };
        if (m.EndedUtc is { } end) facts.Add(new("ended", end.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", ic)));
        if (m.Outcome is { } o) facts.Add(new("outcome", string.Create(ic, $"{o.Status} (exit code {o.ExitCode})")));
        facts.Add(new("seed", m.Seed is { } seed ? seed.ToString(ic) : "none (the run made no random choice)"));
        if (m.Judge is { Count: > 0 } judge)
        {
            foreach (var (k, v) in judge) facts.Add(new($"judge: {k}", v));
        }
        else
        {
            facts.Add(new("judge", "none"));
        }
        foreach (var input in m.Inputs)
        {
            string what = input.Kind switch
            {
                RunFileKind.Folder => string.Create(ic, $"{input.Files ?? 0:#,0} files, {input.Bytes:#,0} bytes, listing xxh128 {input.Xxh128 ?? "n/a"}"),
                RunFileKind.Missing => "absent",
                _ => string.Create(ic, $"{input.Bytes:#,0} bytes, xxh128 {input.Xxh128 ?? "n/a"}"),
            };
            facts.Add(new($"input: {input.Role ?? "file"}", $"{input.Path} ({what})"));
        }
        foreach (var (k, v) in m.Options) facts.Add(new($"option: {k}", v ?? "(none)"));
        facts.Add(new("host", string.Create(ic, $"{m.Host.Os}; {m.Host.Runtime}; {m.Host.Processors} processors")));
        return [.. facts];
    }
}
