namespace GapLens.IO.Documents.Serve;

/// <summary>A video's frame timing for the player's frame stepping (seconds).</summary>
public sealed record TimingDocument(double Fps, int Frames, double FirstFrameTime, double LastFrameTime, double Duration);
