using System.Globalization;
using GapLens.Core;
using GapLens.IO.Tables;

namespace GapLens.Jobs.Slices;

/// <summary>
/// vcn_aoi's per-sample outcome at the run's operating threshold (spec 01): a score above the threshold
/// is a NO_PASS decision; a PASS part decided NO_PASS is a <c>false_reject</c> (FP), a defect (any label
/// but PASS) decided PASS an <c>escape</c> (FN); the rest are correct. The label (trimmed, upper case as
/// vcn_aoi groups it) is a feature; the score is not (it is what the decision is made from). Every other
/// column of inference.csv (input_path: the board, object_name: the component, lighting, ...) goes through.
/// </summary>
internal sealed class AoiOutcomeSink(ITableSink inner, string source, double threshold) : DerivedOutcomeSink(inner, source)
{
    public const string FalseReject = "false_reject";
    public const string Escape = "escape";
    public const string LabelColumn = "label";
    public const string ScoreColumn = "siamese_score";
    public const string Outcome = "vcn_aoi decision at the run's threshold";

    private static readonly string[] ConsumedColumns = [LabelColumn, ScoreColumn];
    private static readonly string[] Derived = [LabelColumn];

    private string? _label;
    private double? _score;

    protected override string OutcomeColumn => Outcome;

    protected override IReadOnlyList<string> Consumes => ConsumedColumns;

    protected override IReadOnlyList<string> DerivedFeatures => Derived;

    protected override void ResetRow()
    {
        _label = null;
        _score = null;
    }

    protected override void ConsumeText(int slot, ReadOnlySpan<char> value)
    {
        if (slot == 0)
        {
            _label = value.Trim().ToString();
            return;
        }
        if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double score))
        {
            throw new UserInputException($"{Source}:{Line}: column '{ScoreColumn}': '{value}' is not a number");
        }
        _score = score;
    }

    protected override void ConsumeOther(int slot, object? value)
    {
        if (slot == 0) _label = value is IReadOnlyList<string> l ? string.Join('|', l) : Convert.ToString(value, CultureInfo.InvariantCulture);
        else _score = value is double d ? d : throw new UserInputException($"{Source}:{Line}: column '{ScoreColumn}' is not a number");
    }

    protected override (string Outcome, IReadOnlyList<string?> Features) Finish()
    {
        if (_score is not { } score || string.IsNullOrEmpty(_label)) throw new UserInputException($"{Source}:{Line}: no {(_score is null ? ScoreColumn : LabelColumn)}");
        string label = _label.ToUpperInvariant();
        bool pass = label == "PASS";
        bool decidedNoPass = score > threshold;
        string outcome = pass && decidedNoPass ? FalseReject : !pass && !decidedNoPass ? Escape : Correct;
        return (outcome, [label]);
    }
}
