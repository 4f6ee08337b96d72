using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.Scoring;

/// <summary>Options of <c>gaplens analyze plot</c>.</summary>
/// <param name="Outputs">VMEvalKit's outputs folder (data/outputs), for the gallery's frames; null: the gallery shows scores without frames.</param>
public sealed record AnalyzePlotOptions(string EvalFolder, string OutDir, double PassAtOrAbove = AnalysisDefaults.PassAtOrAbove, string? Outputs = null) : IJobOptions
{
    public IEnumerable<BoundedValue> Numbers() => [new("--pass-at", PassAtOrAbove, AnalysisDefaults.PassAtRange)];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("eval_folder", EvalFolder),
        new("out", OutDir),
        new("pass_at", PassAtOrAbove.ToString("R", CultureInfo.InvariantCulture)),
        new("outputs", Outputs),
    ];
}
