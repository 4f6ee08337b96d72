using GapLens.Core.Mining.Aoi;

namespace GapLens.IO.Csv;

/// <summary>What the first pass over inference.csv keeps: the table and, when the fast path read
/// it, where each row's line starts, so the paths of the few reported rows are read from those
/// lines instead of a second pass over the whole file.</summary>
/// <param name="Table">Scores and labels of every row.</param>
/// <param name="Lines">Where each row's line starts; null when the full reader read the file.</param>
public sealed record InferenceRows(AoiTable Table, InferenceLineIndex? Lines);
