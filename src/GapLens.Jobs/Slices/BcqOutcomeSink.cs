using GapLens.Core.Parsing;
using GapLens.IO.Tables;

namespace GapLens.Jobs.Slices;

/// <summary>
/// vlm_bcq's per-sample outcome (spec 01): the response and the ground truth are read as vlm_bcq reads
/// them (<see cref="YesNoAnswerParser"/>, the response first); a yes for a no is a <c>false_positive</c>,
/// a no for a yes a <c>false_negative</c>, agreement is correct, and a sample without one clear yes or no
/// in either (or a value that is not text) is skipped, as vlm_bcq skips it. Derived features: the ground
/// truth (yes / no) and the folder of video_id (e.g. the camera); video_id itself is the sample's id. The
/// question and every other key of the predictions go through (nested objects as key.sub).
/// </summary>
internal sealed class BcqOutcomeSink(ITableSink inner, string source) : DerivedOutcomeSink(inner, source)
{
    public const string FalsePositive = "false_positive";
    public const string FalseNegative = "false_negative";
    public const string QuestionColumn = "question";
    public const string VideoIdColumn = "video_id";
    public const string GroundTruthFeature = "ground_truth";
    public const string VideoFolderFeature = "video_folder";
    public const string Outcome = "vlm_bcq answer vs ground truth";

    private static readonly string[] ConsumedColumns = ["response", "gt", VideoIdColumn];
    private static readonly string[] Derived = [GroundTruthFeature, VideoFolderFeature, VideoIdColumn];

    private string? _response;
    private string? _truth;
    private string? _video;

    protected override string OutcomeColumn => Outcome;

    protected override IReadOnlyList<string> Consumes => ConsumedColumns;

    protected override IReadOnlyList<string> DerivedFeatures => Derived;

    protected override void ResetRow()
    {
        _response = null;
        _truth = null;
        _video = null;
    }

    protected override void ConsumeText(int slot, ReadOnlySpan<char> value)
    {
        string text = value.ToString();
        switch (slot)
        {
            case 0:
                _response = text;
                break;
            case 1:
                _truth = text;
                break;
            default:
                _video = text;
                break;
        }
    }

    // A response or ground truth that is not text: vlm_bcq skips the sample (the original crashes).
    protected override void ConsumeOther(int slot, object? value)
    {
        if (slot == 2) _video = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    protected override (string Outcome, IReadOnlyList<string?> Features) Finish()
    {
        var response = _response is null ? null : YesNoAnswerParser.Extract(_response).Answer;
        var truth = response is null || _truth is null ? null : YesNoAnswerParser.Extract(_truth).Answer;
        int sep = _video is null ? -1 : _video.AsSpan().LastIndexOfAny('/', '\\');
        string? folder = sep > 0 ? _video![..sep] : null;
        if (response is not { } r || truth is not { } t) return (Skipped, [null, folder, _video]);
        string outcome = r == t ? Correct : r == YesNo.Yes ? FalsePositive : FalseNegative;
        return (outcome, [t == YesNo.Yes ? "yes" : "no", folder, _video]);
    }
}
