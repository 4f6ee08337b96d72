namespace GapLens.Core.Parsing;

/// <summary>The role of reading an answer out of a model's free-text output. Implementations are
/// conservative: an output with no clear answer, or with conflicting ones, has none (never a guess).</summary>
public interface IAnswerParser
{
    /// <summary>The parser's name, recorded with each result.</summary>
    string Name { get; }

    AnswerExtraction Extract(string output);
}
