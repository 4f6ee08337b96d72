namespace GapLens.Jobs.Serve;

/// <summary>Where the web app listens, the access token it requires (null: none, loopback only) and the
/// reviewer token whose link alone opens Review and Progress (null: every session may open them).</summary>
public sealed record ServeEndpoint(string Host, int? Port, string? Token, string? ReviewToken = null);
