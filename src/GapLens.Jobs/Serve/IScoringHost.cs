using GapLens.IO.Logging;
using GapLens.Judging.Human;

namespace GapLens.Jobs.Serve;

/// <summary>
/// Starts the human scoring web app over a <see cref="HumanScoring"/> service. Implemented by
/// GapLens.Web (which depends on the jobs, not the other way round) and handed to <see cref="ServeJob"/>.
/// </summary>
public interface IScoringHost
{
    /// <summary>Builds what does not need the scoring service (the web host), in the background, while
    /// the service opens: start-up then costs the longer of the two rather than their sum. Optional;
    /// <see cref="StartAsync"/> uses what this built for the same endpoint.</summary>
    void Prepare(ServeEndpoint endpoint) { }

    Task<IScoringServer> StartAsync(HumanScoring scoring, ServeEndpoint endpoint, RunLog log, CancellationToken ct);
}
