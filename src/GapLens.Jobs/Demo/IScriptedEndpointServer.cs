namespace GapLens.Jobs.Demo;

/// <summary>A running scripted endpoint; disposing it stops it.</summary>
public interface IScriptedEndpointServer : IAsyncDisposable
{
    /// <summary>The API's base URL, e.g. http://127.0.0.1:40123/v1.</summary>
    string BaseUrl { get; }
}
