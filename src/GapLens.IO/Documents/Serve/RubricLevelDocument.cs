namespace GapLens.IO.Documents.Serve;

/// <summary>One level of the 1-5 scale with the rubric's wording (no pass threshold: it anchors raters).</summary>
public sealed record RubricLevelDocument(int Score, string Label);
