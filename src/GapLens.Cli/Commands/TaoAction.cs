using GapLens.Cli.Hosting;
using GapLens.Core.Config;
using GapLens.Jobs;

namespace GapLens.Cli.Commands;

/// <summary>A gap-analysis action: its configuration schema and how to run its job on a resolved config.</summary>
internal sealed record TaoAction(string Name, string Summary, ConfigSchema Schema, Func<CliHost, Func<ResolvedConfig>, CancellationToken, Task<int>> Run)
{
    public static TaoAction Of<TOptions>(string name, string summary, ConfigSchema schema, IJob<TOptions> job, Func<ResolvedConfig, TOptions> bind)
        where TOptions : IJobOptions =>
        new(name, summary, schema, (host, resolve, ct) => host.RunAsync(job, "gap_analysis " + name, () => bind(resolve()), ct));
}
