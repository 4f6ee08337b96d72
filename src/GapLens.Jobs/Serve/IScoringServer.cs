namespace GapLens.Jobs.Serve;

/// <summary>A running web app; disposing it stops it (requests in flight finish first).</summary>
public interface IScoringServer : IAsyncDisposable
{
    /// <summary>The address it listens on, e.g. http://127.0.0.1:7870/.</summary>
    Uri Address { get; }
}
