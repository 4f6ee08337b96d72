namespace GapLens.Judging.Human;

/// <summary>
/// What the human scoring service serves and how: the VMEvalKit outputs and evaluations folders, how
/// many different annotators each item gets (<see cref="Overlap"/>), how long a handed-out item stays
/// reserved for a browser that does not answer, the seed of the per-annotator orders, and the
/// bootstrap resamples of the agreement intervals on the Progress page.
/// </summary>
public sealed record HumanScoringOptions(
    string OutputsRoot,
    string EvaluationsRoot,
    int Overlap = 1,
    TimeSpan? LeaseDuration = null,
    ulong Seed = 0,
    int Resamples = 1000)
{
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(30);

    /// <summary>The store: evaluations/human-eval/_store/human-scores.sqlite (beside the files it derives).</summary>
    public string StorePath => Path.Combine(EvaluationsRoot, HumanConsensus.EvaluatorDir, "_store", HumanScoreStore.FileName);
}
