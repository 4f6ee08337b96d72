using System.Text.Json.Serialization;

namespace GapLens.Core.Reports;

/// <summary>A piece of a report section. The kinds are closed: renderers handle each one.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[JsonDerivedType(typeof(ListBlock), "list")]
[JsonDerivedType(typeof(MetricsBlock), "metrics")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(FigureBlock), "figure")]
[JsonDerivedType(typeof(GalleryBlock), "gallery")]
[JsonDerivedType(typeof(CodeBlock), "code")]
[JsonDerivedType(typeof(CalloutBlock), "callout")]
public abstract record Block;
