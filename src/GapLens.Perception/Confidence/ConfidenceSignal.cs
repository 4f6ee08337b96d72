namespace GapLens.Perception.Confidence;

/// <summary>Where a question's confidence comes from (docs/perception.md, "Confidence file").</summary>
public enum ConfidenceSignal
{
    /// <summary>The probability of the chosen option: from "option_probs", or the softmax of "option_logprobs".</summary>
    OptionProbability,

    /// <summary>The model's own stated confidence, "verbal", in [0, 1].</summary>
    Verbal,

    /// <summary>The share of sampled answers ("samples") that agree with the chosen answer.</summary>
    SampleAgreement,
}
