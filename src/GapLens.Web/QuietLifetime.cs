using Microsoft.Extensions.Hosting;

namespace GapLens.Web;

/// <summary>
/// A host lifetime that leaves the process's signals alone: the CLI already turns Ctrl+C and SIGTERM
/// into cancellation of the job, which stops the server (ASP.NET's console lifetime would stop it on
/// its own, behind the job's back).
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
