using GapLens.IO.Logging;
using GapLens.Judging.Human;

namespace GapLens.Jobs.Serve;

/// <summary>
/// Starts the human scoring web app over a <see cref="HumanScoring"/> service. Implemented by
/// GapLens.Web (which depends on the jobs, not the other way round) and handed to <see cref="ServeJob"/>.
/// </summary>
public interface IScoringHost
{
    Task<IScoringServer> StartAsync(HumanScoring scoring, ServeEndpoint endpoint, RunLog log, CancellationToken ct);
}
