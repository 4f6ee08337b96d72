namespace GapLens.Core.Parsing;

/// <summary>
/// What <see cref="YesNoAnswerParser"/> found in a text: the answer when exactly one of the words
/// occurs, otherwise null with <see cref="HasYes"/>/<see cref="HasNo"/> saying why (both or neither).
/// </summary>
public readonly record struct YesNoExtraction(bool HasYes, bool HasNo)
{
    public YesNo? Answer => HasYes == HasNo ? null : HasYes ? YesNo.Yes : YesNo.No;

    public bool IsAmbiguous => HasYes && HasNo;
}
