using GapLens.Core.Statistics;

namespace GapLens.Core.Reports;

/// <summary>A number in its format, with its interval when it has one.</summary>
public sealed record NumberCell(double? Value, NumberFormat Format, Interval? Interval = null) : Cell
{
    public override string Text => Interval is null ? Format.Format(Value) : $"{Format.Format(Value)} {Format.Format(Interval)}";
}
