namespace GapLens.Perception.Attention;

/// <summary>
/// The localisation metrics of one map frame against its boxes (all higher is better, all in [0, 1]);
/// null where undefined (mass ratio of a map summing to &lt;= 0; ROC-AUC when the boxes cover the whole
/// map). <see cref="Iou"/> is at the configured fraction of the map's maximum.
/// </summary>
internal readonly record struct FrameScores(double Pointing, double? MassRatio, double RankAccuracy, double Iou, double? RocAuc);
