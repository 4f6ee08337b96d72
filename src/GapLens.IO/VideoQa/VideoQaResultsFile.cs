using System.Collections.Immutable;
using System.Text;
using GapLens.Core;
using GapLens.IO.Documents;
using GapLens.IO.Json;

namespace GapLens.IO.VideoQa;

/// <summary>
/// The files of a video-QA run folder: <c>results.jsonl</c> (one <see cref="VideoQaResultDocument"/>
/// per answered question, appended as each ends) and <c>errors.jsonl</c> (one
/// <see cref="VideoQaErrorDocument"/> per failed attempt). Reading tolerates what a killed run leaves
/// (a last line cut short, ignored with a warning); any other line that is not a record is a user
/// error naming the file and line. A uid that appears twice (two runs writing into one folder at
/// once) keeps its last line, with a warning.
/// </summary>
public static class VideoQaResultsFile
{
    public const string ResultsName = "results.jsonl";
    public const string ErrorsName = "errors.jsonl";

    /// <summary>One line of a result (compact JSON, no newline).</summary>
    public static byte[] Line(VideoQaResultDocument result) => GapLensJson.Serialize(result, indented: false);

    public static byte[] Line(VideoQaErrorDocument error) => GapLensJson.Serialize(error, indented: false);

    /// <summary>The results of a file (none when it does not exist), one per uid, in file order of their last line.</summary>
    public static (ImmutableArray<VideoQaResultDocument> Results, ImmutableArray<string> Warnings) ReadResults(string path)
    {
        var (lines, warnings) = ReadLines<VideoQaResultDocument>(path, "video-QA result", r => r.Format == VideoQaResultDocument.CurrentFormat
            ? null : $"format '{r.Format}' is not {VideoQaResultDocument.CurrentFormat}");
        var byUid = new Dictionary<string, int>(StringComparer.Ordinal);
        var ordered = new List<VideoQaResultDocument?>();
        int duplicates = 0;
        foreach (var r in lines)
        {
            if (byUid.TryGetValue(r.ItemId, out int at))
            {
                ordered[at] = null;
                duplicates++;
            }
            byUid[r.ItemId] = ordered.Count;
            ordered.Add(r);
        }
        if (duplicates > 0) warnings = warnings.Add($"{path}: {duplicates} uid(s) appear more than once (two runs into one folder?); the last line of each is used");
        return ([.. ordered.Where(r => r is not null)!], warnings);
    }

    public static (ImmutableArray<VideoQaErrorDocument> Errors, ImmutableArray<string> Warnings) ReadErrors(string path) =>
        ReadLines<VideoQaErrorDocument>(path, "video-QA error record", _ => null);

    private static (ImmutableArray<T> Lines, ImmutableArray<string> Warnings) ReadLines<T>(string path, string what, Func<T, string?> check)
    {
        if (!File.Exists(path)) return ([], []);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot read {path}: permission denied");
        }
        var items = ImmutableArray.CreateBuilder<T>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        int lineNo = 0;
        int start = 0;
        while (start < bytes.Length)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            bool complete = nl >= 0;
            int end = complete ? nl : bytes.Length;
            lineNo++;
            var span = bytes.AsSpan(start, end - start);
            start = end + 1;
            if (span.Trim((byte)' ').Trim((byte)'\r').IsEmpty) continue;
            T? value = default;
            string? problem = null;
            try
            {
                value = GapLensJson.Deserialize<T>(span);
                if (value is null) problem = "null";
                else problem = check(value);
            }
            catch (System.Text.Json.JsonException ex)
            {
                problem = GapLens.Core.Json.JsonErrorText.Of(ex);
            }
            if (problem is null)
            {
                items.Add(value!);
                continue;
            }
            if (!complete)
            {
                warnings.Add($"{path}:{lineNo}: a last line cut short (a run killed while writing it) is ignored");
                continue;
            }
            string shown = Encoding.UTF8.GetString(span[..Math.Min(span.Length, 80)]);
            throw new UserInputException($"{path}:{lineNo}: not a {what} ({problem}): {shown}{(span.Length > 80 ? "..." : "")}");
        }
        return (items.ToImmutable(), warnings.ToImmutable());
    }
}
