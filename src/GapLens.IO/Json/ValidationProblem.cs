using GapLens.Core;

namespace GapLens.IO.Json;

/// <summary>
/// The first item of a range that breaks the input contract (not an object, a missing key, ...),
/// kept until the whole file is known to be valid JSON (Python's json.load complains about syntax
/// first). <see cref="Message"/> needs the index of the range's first item and the file's line of the item.
/// </summary>
public sealed record ValidationProblem(string Path, long RelativeIndex, long FileOffset, string Template)
{
    /// <summary>The user-facing message; the template holds {index} and {where}.</summary>
    public string Message(long indexBase) =>
        Template.Replace("{index}", (indexBase + RelativeIndex).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{where}", $"{Path}:{1 + Files.FileHash.CountNewlines(Path, FileOffset)}", StringComparison.Ordinal);

    public UserInputException ToException(long indexBase) => new(Message(indexBase));
}
