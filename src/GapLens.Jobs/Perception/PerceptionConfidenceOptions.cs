using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.Perception.Confidence;

namespace GapLens.Jobs.Perception;

/// <summary>Options of <c>gaplens perception confidence</c>.</summary>
/// <param name="Annotations">The annotation file.</param>
/// <param name="Answers">The model's answers.</param>
/// <param name="Confidence">Confidence per answered question, JSON Lines (docs/perception.md).</param>
/// <param name="OutDir">Where confidence.json, samples.jsonl and the report go.</param>
/// <param name="Lenient">Score a partial answers file.</param>
/// <param name="Bins">Calibration bins (equal-width and equal-mass).</param>
/// <param name="Folds">Cross-validation folds of the meta-model (across tasks).</param>
/// <param name="C">Inverse L2 strength of the meta-model's logistic regression (scikit-learn's C).</param>
/// <param name="Seed">Which tasks go to which fold.</param>
/// <param name="Signal">The meta-model's signal: option_probability, verbal or sample_agreement (null: the one most questions have).</param>
public sealed record PerceptionConfidenceOptions(
    string Annotations,
    string Answers,
    string Confidence,
    string OutDir,
    bool Lenient = false,
    int Bins = 10,
    int Folds = 5,
    double C = 1.0,
    ulong Seed = AnalysisDefaults.Seed,
    string? Signal = null) : IJobOptions
{
    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--bins", Bins, ValueRange.Integers(1, 1000)),
        new("--folds", Folds, ValueRange.Integers(2, 1000)),
        new("--c", C, ValueRange.AboveUpTo(0, 1e6)),
    ];

    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public void Validate()
    {
        BoundedValue.CheckAll(Numbers());
        _ = ParsedSignal;
    }

    private static readonly ConfidenceSignal[] AllSignals = [ConfidenceSignal.OptionProbability, ConfidenceSignal.Verbal, ConfidenceSignal.SampleAgreement];

    public ConfidenceSignal? ParsedSignal => Signal is null ? null
        : AllSignals.Where(s => string.Equals(PerceptionConfidenceReportBuilder.Key(s), Signal, StringComparison.OrdinalIgnoreCase)).Cast<ConfidenceSignal?>().FirstOrDefault()
            ?? throw new UserInputException($"--signal must be one of {string.Join(", ", AllSignals.Select(PerceptionConfidenceReportBuilder.Key))}, got '{Signal}'");

    public ConfidenceOptions ToAnalysis() => new() { Bins = Bins, Folds = Folds, C = C, Seed = Seed, MetaSignal = ParsedSignal };

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("annotations", Annotations),
        new("answers", Answers),
        new("confidence", Confidence),
        new("out", OutDir),
        new("lenient", Lenient ? "true" : "false"),
        new("bins", Bins.ToString(CultureInfo.InvariantCulture)),
        new("folds", Folds.ToString(CultureInfo.InvariantCulture)),
        new("c", C.ToString("R", CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
        new("signal", Signal),
    ];
}
