namespace GapLens.Perception.Attention;

/// <summary>One question's localisation metrics on one slice: each the mean over the question's
/// scored frames (null when no frame defines it).</summary>
public sealed record QuestionSliceScores(double? PointingGame, double? MassRatio, double? RankAccuracy, double? Iou, double? RocAuc)
{
    public double? Get(LocalisationMetric metric) => metric switch
    {
        LocalisationMetric.PointingGame => PointingGame,
        LocalisationMetric.MassRatio => MassRatio,
        LocalisationMetric.RankAccuracy => RankAccuracy,
        LocalisationMetric.Iou => Iou,
        _ => RocAuc,
    };
}
