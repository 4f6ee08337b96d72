using GapLens.Core;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Scoring;

namespace GapLens.Jobs.Perception;

/// <summary>
/// The inputs the three perception jobs share: files checked and fingerprinted for the run record,
/// the annotations read (streamed), the answers scored, and the gate that an answers file which
/// answers nothing is an input error (a wrong file), never an empty PASS.
/// </summary>
internal static class PerceptionInputs
{
    /// <summary>An existing file given by <paramref name="option"/>, absolute, recorded as an input.</summary>
    public static string File(JobContext ctx, string path, string option, string role)
    {
        string full = ctx.Absolute(path);
        if (Directory.Exists(full)) throw new UserInputException($"{option} {path} is a folder; expected a file.");
        if (!System.IO.File.Exists(full)) throw new UserInputException($"{option}: file not found: {full}");
        ctx.Record.AddInput(full, role);
        return full;
    }

    /// <summary>An existing folder given by <paramref name="option"/>, absolute, recorded as an input.</summary>
    public static string Folder(JobContext ctx, string path, string option, string role)
    {
        string full = ctx.Absolute(path);
        if (System.IO.File.Exists(full)) throw new UserInputException($"{option} {path} is a file; expected a folder.");
        if (!Directory.Exists(full)) throw new UserInputException($"{option}: folder not found: {full}");
        ctx.Record.AddInput(full, role);
        return full;
    }

    public static PerceptionAnnotations ReadAnnotations(JobContext ctx, string path, AnnotationReadOptions? read, CancellationToken ct)
    {
        ctx.Progress?.Begin("Reading annotations", "MB");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var annotations = AnnotationReader.Read(path, read, ctx.Progress is { } p ? p.Report : null, ct);
        ctx.Log.Info(FormattableString.Invariant($"Read {annotations.Videos.Length:#,0} videos, {annotations.QuestionCount:#,0} questions from {path} in {clock.Elapsed.TotalSeconds:F2} s"));
        if (annotations.QuestionCount == 0) throw new UserInputException($"--annotations {path} has no mc_question in any of its {annotations.Videos.Length} videos; nothing to score.");
        return annotations;
    }

    /// <summary>Reads and scores one answers file; an answers file that answers none of the questions is a user error.</summary>
    public static McScoreResult Score(JobContext ctx, PerceptionAnnotations annotations, string answersPath, string option, bool lenient, CancellationToken ct)
    {
        var answers = AnswersReader.Read(answersPath, ct);
        var scores = McScorer.Score(annotations, answers, lenient ? ScoringMode.Lenient : ScoringMode.Official);
        if (scores.Answered == 0)
        {
            throw new UserInputException(FormattableString.Invariant(
                $"{option} {answersPath} answers none of the {scores.Questions:#,0} questions of {annotations.Path}; nothing matched, nothing to score (the wrong file?)."));
        }
        foreach (string w in scores.Warnings) ctx.Log.Warning(w);
        return scores;
    }
}
