using System.Text;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Json;

namespace GapLens.IO.Results;

/// <summary>
/// Per-sample results as JSON Lines (one <see cref="SampleResult"/> per line, the one serializer's
/// compact form): the file every scoring job writes beside its report, and that failure analysis reads.
/// </summary>
public static class SampleResultsFile
{
    public const string DefaultName = "samples.jsonl";

    /// <summary>The whole file's bytes (for an output set).</summary>
    public static byte[] ToBytes(IEnumerable<SampleResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var ms = new MemoryStream();
        foreach (var r in results)
        {
            ms.Write(GapLensJson.Serialize(r, indented: false));
            ms.WriteByte((byte)'\n');
        }
        return ms.ToArray();
    }

    /// <summary>Reads a results file; a line that is not a result is a user error naming the file and line.</summary>
    public static IEnumerable<SampleResult> Read(string path)
    {
        int lineNo = 0;
        foreach (string line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNo++;
            if (line.Length == 0) continue;
            SampleResult? r;
            try
            {
                r = GapLensJson.Deserialize<SampleResult>(Encoding.UTF8.GetBytes(line));
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new UserInputException($"{path}:{lineNo}: not a per-sample result ({GapLens.Core.Json.JsonErrorText.Of(ex)})");
            }
            yield return r ?? throw new UserInputException($"{path}:{lineNo}: not a per-sample result (null)");
        }
    }
}
