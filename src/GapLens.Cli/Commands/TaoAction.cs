using GapLens.Core.Config;
using GapLens.Jobs;

namespace GapLens.Cli.Commands;

/// <summary>A gap-analysis action: its configuration schema and the job it runs.</summary>
internal sealed record TaoAction(string Name, string Summary, ConfigSchema Schema, Func<ResolvedConfig, JobContext, JobOutcome> Run);
