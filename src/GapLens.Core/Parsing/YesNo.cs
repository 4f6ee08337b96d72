namespace GapLens.Core.Parsing;

/// <summary>A binary answer extracted from free text.</summary>
public enum YesNo
{
    Yes,
    No,
}
