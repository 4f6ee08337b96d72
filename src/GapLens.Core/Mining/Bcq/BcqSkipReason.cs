namespace GapLens.Core.Mining.Bcq;

/// <summary>Why a sample was left out of the confusion matrix. The response is checked first.</summary>
public enum BcqSkipReason
{
    /// <summary>The response has neither "yes" nor "no" as a whole word.</summary>
    ResponseNoAnswer,

    /// <summary>The response has both "yes" and "no".</summary>
    ResponseAmbiguous,

    /// <summary>The response is not a JSON string (the original tool crashes here).</summary>
    ResponseNotString,

    /// <summary>The ground truth has neither word.</summary>
    GroundTruthNoAnswer,

    /// <summary>The ground truth has both words.</summary>
    GroundTruthAmbiguous,

    /// <summary>The ground truth is not a JSON string.</summary>
    GroundTruthNotString,
}
