using System.Text.Json.Serialization;
using GapLens.Core.Reports;
using GapLens.Core.Results;
using GapLens.IO.Documents;
using GapLens.IO.Documents.Serve;
using GapLens.Core.Runs;

namespace GapLens.IO.Json;

/// <summary>
/// The one source-generated serializer context of GapLens' own JSON files (run manifests, summaries,
/// per-sample results, report documents). TAO's file formats are not written through it: they are
/// byte-for-byte Python formats (<see cref="GapLens.Core.Json.PyJsonFormatter"/>).
/// Use <see cref="GapLensJson"/>, which adds the naming and escaping rules. report.json and run
/// records are written by hand-made walkers (<see cref="ReportJson"/>, <see cref="RunManifestJson"/>,
/// cheaper to start in a cold process); their types stay here because run records are read back
/// through this context and because tests hold both walkers to this serializer's bytes.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(RunManifest))]
[JsonSerializable(typeof(Report))]
[JsonSerializable(typeof(SampleResult))]
[JsonSerializable(typeof(StatsDocument))]
[JsonSerializable(typeof(BcqSummaryDocument))]
[JsonSerializable(typeof(ScoreFileDocument))]
// gaplens serve: the web app's requests and answers
[JsonSerializable(typeof(SubmissionRequestDocument))]
[JsonSerializable(typeof(NextRequestDocument))]
[JsonSerializable(typeof(SessionDocument))]
[JsonSerializable(typeof(NextDocument))]
[JsonSerializable(typeof(ItemDocument))]
[JsonSerializable(typeof(TimingDocument))]
[JsonSerializable(typeof(SavedDocument))]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(ProgressSummaryDocument))]
[JsonSerializable(typeof(PageReportDocument))]
[JsonSerializable(typeof(ReviewListDocument))]
[JsonSerializable(typeof(ReviewItemDocument))]
[JsonSerializable(typeof(VideoQaResultDocument))]
[JsonSerializable(typeof(VideoQaErrorDocument))]
[JsonSerializable(typeof(SlicesDocument))]
internal sealed partial class GapLensJsonContext : JsonSerializerContext;
