namespace GapLens.Judging.Analysis;

/// <summary>One item as the human panel sees it: every annotator's latest score (unsure answers left
/// out), the humans' consensus score, and the judge's score when it scored the item.</summary>
public sealed record PanelItem(string Key, IReadOnlyList<(string Annotator, int Score)> Scores, int? Consensus, int? Judge);
