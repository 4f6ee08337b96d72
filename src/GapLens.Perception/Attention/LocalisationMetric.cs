namespace GapLens.Perception.Attention;

/// <summary>The localisation metrics of a map against the ground-truth boxes (all higher is better, 0..1).</summary>
public enum LocalisationMetric
{
    /// <summary>Is the map's maximum on a box (Zhang et al.; Quantus PointingGame), with an optional tolerance in cells.</summary>
    PointingGame,

    /// <summary>Share of the map's mass inside the boxes (energy pointing game; Quantus RelevanceMassAccuracy).</summary>
    MassRatio,

    /// <summary>Share of the top-K cells inside the boxes, K = box area in cells (Quantus RelevanceRankAccuracy).</summary>
    RankAccuracy,

    /// <summary>IoU of the map thresholded at a fraction of its maximum with the boxes.</summary>
    Iou,

    /// <summary>ROC-AUC of the map values as a detector of box cells (Quantus AUC).</summary>
    RocAuc,
}
