using System.Collections.Immutable;
using GapLens.Core;

namespace GapLens.Video.Frames;

/// <summary>
/// The frames of one video on disk (<c>&lt;frames&gt;/&lt;key&gt;/frame_&lt;N&gt;.jpg</c>), ordered by N, with
/// 1-based ids. Files that do not follow the naming rule are listed in <see cref="Ignored"/>.
/// </summary>
public sealed class VideoFrames
{
    private readonly Dictionary<string, FrameFile> _byName;

    private VideoFrames(string directory, ImmutableArray<FrameFile> frames, ImmutableArray<string> ignored)
    {
        Directory = directory;
        Frames = frames;
        Ignored = ignored;
        _byName = frames.ToDictionary(f => f.FileName, StringComparer.Ordinal);
    }

    public string Directory { get; }

    public ImmutableArray<FrameFile> Frames { get; }

    /// <summary>Files in the folder that are not frame_&lt;N&gt;.jpg (nor hidden temporary files).</summary>
    public ImmutableArray<string> Ignored { get; }

    /// <summary>Lists a video's frame folder; a user error when it does not exist.</summary>
    public static VideoFrames Scan(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new UserInputException($"frames folder {directory} not found (expected <frames>/<key>/frame_<N>.jpg)");
        var found = new List<(long N, string Name, string Path)>();
        var ignored = ImmutableArray.CreateBuilder<string>();
        foreach (string path in System.IO.Directory.EnumerateFiles(directory))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('.')) continue;
            if (FrameName.TryParse(name) is { } n) found.Add((n, name, path));
            else ignored.Add(name);
        }
        var dupes = found.GroupBy(f => f.N).FirstOrDefault(g => g.Count() > 1);
        if (dupes is not null) throw new UserInputException($"{directory}: frame number {dupes.Key} appears twice ({string.Join(", ", dupes.Select(d => d.Name).Order(StringComparer.Ordinal))})");
        found.Sort((a, b) => a.N.CompareTo(b.N));
        var frames = found.Select((f, i) => new FrameFile(i + 1, f.N, f.Name, f.Path)).ToImmutableArray();
        ignored.Sort(StringComparer.Ordinal);
        return new VideoFrames(directory, frames, ignored.ToImmutable());
    }

    /// <summary>The frame with this file name, or null when there is no such file.</summary>
    public FrameFile? Find(string fileName) => _byName.GetValueOrDefault(Path.GetFileName(fileName));

    /// <summary>The frame with this 1-based id, or null when out of range.</summary>
    public FrameFile? ById(int id) => id >= 1 && id <= Frames.Length ? Frames[id - 1] : null;
}
