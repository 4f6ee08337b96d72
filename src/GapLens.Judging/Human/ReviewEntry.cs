using System.Collections.Immutable;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>
/// An item on the Review page with why it is there: the largest gap between a judge and the humans'
/// consensus, the spread of the humans' scores, a judge's needs_review flag or failure, and "unsure"
/// answers. <see cref="Disagreement"/> (0-4 score points) orders the list.
/// </summary>
public sealed record ReviewEntry(
    HumanItem Item,
    int Disagreement,
    int? Consensus,
    int? JudgeGap,
    int? HumanSpread,
    bool JudgeFlagged,
    int UnsureAnswers,
    ImmutableArray<HumanSubmission> Latest,
    ImmutableArray<ScoreRecord> Judges);
