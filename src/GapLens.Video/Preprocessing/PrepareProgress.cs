namespace GapLens.Video.Preprocessing;

/// <summary>Progress of a preparation run: videos finished (written, skipped or failed) of the total,
/// and frames encoded so far (skipped videos' frames are not counted: they cost nothing).</summary>
public sealed record PrepareProgress(int VideosDone, int VideosTotal, long FramesEncoded);
