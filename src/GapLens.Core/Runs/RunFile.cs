namespace GapLens.Core.Runs;

/// <summary>
/// One input or output of a run. A file has its size and content fingerprint (XXH3-128, hex); a
/// folder input has the number of files, their total size, and a fingerprint of its listing (relative
/// path, size and modification time of every file, not the content, which can be gigabytes of video).
/// Output paths are relative to the manifest's folder; input paths are absolute.
/// </summary>
public sealed record RunFile(string Path, RunFileKind Kind, long Bytes, string? Xxh128, int? Files = null, string? Role = null);
