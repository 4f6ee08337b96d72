using System.Reflection;

namespace GapLens.Jobs;

/// <summary>The tool's version as built (the informational version, which includes the git commit when known).</summary>
public static class ToolInfo
{
    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
