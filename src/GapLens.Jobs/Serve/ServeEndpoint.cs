namespace GapLens.Jobs.Serve;

/// <summary>Where the web app listens and the access token it requires (null: none, loopback only).</summary>
public sealed record ServeEndpoint(string Host, int? Port, string? Token);
