using System.Text.Json.Serialization;

namespace GapLens.Core.Reports;

/// <summary>A table cell. <see cref="Text"/> is how every renderer writes it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextCell), "text")]
[JsonDerivedType(typeof(NumberCell), "number")]
[JsonDerivedType(typeof(BadgeCell), "badge")]
[JsonDerivedType(typeof(ImageCell), "image")]
[JsonDerivedType(typeof(LinkCell), "link")]
public abstract record Cell
{
    public abstract string Text { get; }

    public static implicit operator Cell(string text) => new TextCell(text);

    public static Cell Of(string text) => new TextCell(text);

    public static Cell Mono(string text) => new TextCell(text, Monospace: true);

    public static Cell Count(long n) => new NumberCell(n, NumberFormat.Count);

    /// <summary>A number cell; an infinite or NaN value (e.g. a weakness that overflowed) is written as
    /// Python writes it ("inf", "-inf", "nan") in a text cell, as JSON has no number for it.</summary>
    public static Cell Number(double? value, NumberFormat format, Statistics.Interval? interval = null) =>
        value is { } v && !double.IsFinite(v) ? new TextCell(GapLens.Core.Text.PyFloat.Repr(v)) : new NumberCell(value, format, interval);
}
