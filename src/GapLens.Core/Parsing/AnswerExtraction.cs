namespace GapLens.Core.Parsing;

/// <summary>
/// What an <see cref="IAnswerParser"/> read from a model's output: the answer (null when there is none
/// or it is ambiguous), how it was found (e.g. "json-block", "answer-is", "lone-letter", "yes-no-word"),
/// and why there is no answer when there is none.
/// </summary>
public sealed record AnswerExtraction(string? Answer, string Method, string? Diagnostic = null)
{
    public bool Found => Answer is not null;

    public static AnswerExtraction None(string method, string diagnostic) => new(null, method, diagnostic);
}
