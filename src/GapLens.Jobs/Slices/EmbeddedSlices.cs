using System.Diagnostics;
using System.Globalization;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Results;
using GapLens.Core.Results;
using GapLens.Reporting.Csv;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>
/// The slice search a scoring job runs on its own samples.jsonl, in process, for the "Where it fails"
/// section of its report: the samples it writes go (as the JSON Lines reader would push them,
/// <see cref="SampleRows"/>) through the feature table builder, the feature selection, the outcome
/// mapping and the defaults of <c>gaplens slices --results samples.jsonl</c> (one code path, so both
/// give the same numbers). It never throws for the data: when no slice can be tested (no
/// sample with an outcome, no metadata, one outcome class, nothing reaching the support) or the search
/// fails, <see cref="NotTested"/> says why in one line and the host job goes on unchanged.
/// </summary>
/// <param name="Analysis">The search (null: not tested).</param>
/// <param name="Table">The samples as the search saw them (null: not tested).</param>
/// <param name="NotTested">Why no slice was tested (null: tested).</param>
/// <param name="Elapsed">Time spent reading the samples and searching.</param>
public sealed record EmbeddedSlices(SliceAnalysis? Analysis, FeatureTable? Table, string? NotTested, TimeSpan Elapsed)
{
    /// <summary>Of <see cref="Elapsed"/>, the time reading the samples into the feature table.</summary>
    public TimeSpan ReadTime { get; init; }

    /// <summary>The options <c>gaplens slices</c> runs with when given only a samples.jsonl.</summary>
    public static SlicesOptions DefaultOptions(string source) => new(source);

    /// <summary>Searches the samples (the ones the job writes to samples.jsonl).</summary>
    /// <param name="samples">The per-sample results.</param>
    /// <param name="source">How the samples are named in messages (the samples.jsonl path).</param>
    public static EmbeddedSlices Of(IEnumerable<SampleResult> samples, string source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var clock = Stopwatch.StartNew();
        try
        {
            var options = DefaultOptions(source);
            var builder = new FeatureTableBuilder(source, new SlicesInput(source, SlicesInput.SamplesKind).TableOptions(options));
            SampleRows.Feed(samples, builder, ct);
            var table = builder.Finish();
            var read = clock.Elapsed;
            if (Untestable(table) is { } why) return new(null, null, why, clock.Elapsed) { ReadTime = read };
            var analysis = SliceFinder.Find(table, options.Search(), ct);
            if (analysis.Tested == 0)
            {
                return new(null, null, string.Create(CultureInfo.InvariantCulture,
                    $"no value of any metadata field ({string.Join(", ", table.Features.Select(f => f.Name).Take(6))}) holds at least {analysis.MinSupport:#,0} and fewer than all {table.RowCount:#,0} samples."), clock.Elapsed) { ReadTime = read };
            }
            return new(analysis, table, null, clock.Elapsed) { ReadTime = read };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The section is an extra: whatever goes wrong in it is said there, never fails the host job.
            return new(null, null, "the search could not run: " + ex.Message.Split('\n')[0], clock.Elapsed);
        }
    }

    /// <summary>Why a table cannot have a slice that differs from the rest, or null.</summary>
    public static string? Untestable(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var ic = CultureInfo.InvariantCulture;
        if (table.RowCount == 0)
        {
            long excluded = table.OutcomeValues.Sum(v => v.Rows);
            return excluded == 0 ? "there are no samples." : string.Create(ic, $"no sample has an outcome ({excluded:#,0} skipped or not scored).");
        }
        long failures = 0;
        for (int i = 0; i < table.RowCount; i++) failures += table.OutcomeAt(i) == 0 ? 0 : 1;
        if (failures == 0) return string.Create(ic, $"no sample failed ({table.RowCount:#,0} samples), so no slice can fail more often than the rest.");
        if (failures == table.RowCount) return string.Create(ic, $"every sample failed ({table.RowCount:#,0} samples), so no slice can fail more often than the rest.");
        if (table.Features.IsEmpty)
        {
            return table.Dropped.IsEmpty
                ? "the samples carry no metadata to slice on."
                : "no metadata field can make slices (" + string.Join("; ", table.Dropped.Take(3).Select(d => $"{d.Name}: {d.Reason}")) + ").";
        }
        return null;
    }

    /// <summary>
    /// Starts the search beside the host job's own work (its one-off start-up cost, mostly compiling the
    /// search's code on first use, then overlaps that work); <see cref="AwaitAsync"/> collects it.
    /// </summary>
    public static Task<EmbeddedSlices> Start(IReadOnlyList<SampleResult> samples, string source, CancellationToken ct) =>
        Task.Run(() => Of(samples, source, ct), ct);

    /// <summary>Waits for a search <see cref="Start"/>ed and logs what it found, what it cost and how long the job waited for it.</summary>
    public static async Task<EmbeddedSlices> AwaitAsync(Task<EmbeddedSlices> search, GapLens.IO.Logging.RunLog log)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var slices = await search.ConfigureAwait(false);
        log.Info(slices.LogLine() + string.Create(CultureInfo.InvariantCulture, $"; the job waited {clock.Elapsed.TotalMilliseconds:0.0} ms for it"));
        return slices;
    }

    /// <summary>Whether there are slices.json and slices.csv to write.</summary>
    public bool Tested => Analysis is not null;

    /// <summary>Stages slices.json and slices.csv (what <c>gaplens slices</c> writes) when slices were tested.</summary>
    public void Stage(OutputSet outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (Analysis is not { } a || Table is not { } t) return;
        outputs.StageBytes(SlicesJob.DocumentName, GapLensJson.Serialize(SlicesDocumentBuilder.Build(a, t)));
        outputs.StageText(SlicesJob.CsvName, CsvTableRenderer.Render(SlicesReportBuilder.SlicesTable(a)));
    }

    /// <summary>The log line of the search and its cost.</summary>
    public string LogLine() => NotTested is { } why
        ? string.Create(CultureInfo.InvariantCulture, $"Where it fails: not tested: {why} ({Elapsed.TotalMilliseconds:0.0} ms)")
        : string.Create(CultureInfo.InvariantCulture, $"Where it fails: {Analysis!.Tested:#,0} slices tested on {Analysis.Rows:#,0} samples, {Analysis.SignificantWorseKept:#,0} ranked worse for sure ({Elapsed.TotalMilliseconds:0.0} ms, of which reading {ReadTime.TotalMilliseconds:0.0} ms)");

    /// <summary>The file name the section points <c>gaplens slices</c> at.</summary>
    public const string SamplesName = SampleResultsFile.DefaultName;
}
