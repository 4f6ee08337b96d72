namespace GapLens.Core.Reports;

/// <summary>How a verdict, callout or badge should read: fine, needs attention, bad, or neutral information.</summary>
public enum Tone
{
    Info,
    Good,
    Warning,
    Bad,
}
