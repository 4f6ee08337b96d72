namespace GapLens.Judging.Human;

/// <summary>Where a human submission came from.</summary>
public enum SubmissionSource
{
    /// <summary>The Annotate page.</summary>
    Annotate,

    /// <summary>A reviewer on the Review page (a score with a note; never an edit of another submission).</summary>
    Review,

    /// <summary>Imported from an existing human-eval.json (e.g. VMEvalKit's Gradio scorer).</summary>
    Import,
}
