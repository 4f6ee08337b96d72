namespace GapLens.Core.Mining.Bcq;

/// <summary>FP: model said yes, ground truth no. FN: model said no, ground truth yes.</summary>
public enum BcqErrorType
{
    FP,
    FN,
}
