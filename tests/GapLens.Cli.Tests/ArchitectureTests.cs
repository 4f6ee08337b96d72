using System.Reflection;
using System.Xml.Linq;

namespace GapLens.Cli.Tests;

/// <summary>
/// Dependencies point inward (STYLE.md): Cli/Web -> Jobs -> Judging/Video/Perception/Reporting ->
/// Endpoints/IO -> Statistics/Core, Core references nothing, Reporting only Core. Checked twice: on the
/// project files (what may be compiled against) and on the built assemblies (what is really used).
/// Every src project has a mirroring tests project.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>What each project may reference directly. A project not listed here fails the test:
    /// a new project must take its place in the layers.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["GapLens.Core"] = [],
        ["GapLens.Statistics"] = ["GapLens.Core"],
        ["GapLens.IO"] = ["GapLens.Core"],
        ["GapLens.Reporting"] = ["GapLens.Core"],
        ["GapLens.Endpoints"] = ["GapLens.Core", "GapLens.IO"],
        ["GapLens.Judging"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics", "GapLens.Endpoints"],
        ["GapLens.Video"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics", "GapLens.Endpoints"],
        ["GapLens.Perception"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics"],
        ["GapLens.Slices"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics"],
        ["GapLens.Jobs"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics", "GapLens.Endpoints", "GapLens.Reporting", "GapLens.Judging", "GapLens.Video", "GapLens.Perception", "GapLens.Slices"],
        ["GapLens.Web"] = ["GapLens.Core", "GapLens.IO", "GapLens.Statistics", "GapLens.Reporting", "GapLens.Judging", "GapLens.Jobs", "GapLens.Slices"],
        ["GapLens.Cli"] = ["GapLens.Core", "GapLens.IO", "GapLens.Jobs", "GapLens.Web"],
    };

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "GapLens.slnx"))) return d.FullName;
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static IEnumerable<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(RepoRoot(), "src")).Select(Path.GetFileName).Where(n => File.Exists(Path.Combine(RepoRoot(), "src", n!, n + ".csproj")))!;

    [Fact]
    public void ProjectFilesReferenceOnlyInwardLayers()
    {
        foreach (string project in SourceProjects())
        {
            Assert.True(Allowed.ContainsKey(project), $"{project} has no place in the layers of ArchitectureTests");
            var doc = XDocument.Load(Path.Combine(RepoRoot(), "src", project, project + ".csproj"));
            var refs = doc.Descendants("ProjectReference").Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/'))).ToList();
            foreach (string r in refs) Assert.True(Allowed[project].Contains(r), $"{project} references {r}, which is not an inner layer of it");
        }
    }

    [Fact]
    public void BuiltAssembliesUseOnlyInwardLayers()
    {
        foreach (string dll in Directory.GetFiles(AppContext.BaseDirectory, "GapLens.*.dll").Append(Path.Combine(AppContext.BaseDirectory, "gaplens.dll")))
        {
            string name = AssemblyName.GetAssemblyName(dll).Name!;
            string project = name == "gaplens" ? "GapLens.Cli" : name;
            if (!Allowed.TryGetValue(project, out var allowed)) continue; // test helpers
            var used = Assembly.LoadFrom(dll).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("GapLens.", StringComparison.Ordinal));
            foreach (string u in used) Assert.True(allowed.Contains(u), $"{project} uses {u}, which is not an inner layer of it");
        }
    }

    [Fact]
    public void CoreReferencesNoPackageAndReportingOnlyCore()
    {
        var core = XDocument.Load(Path.Combine(RepoRoot(), "src", "GapLens.Core", "GapLens.Core.csproj"));
        Assert.Empty(core.Descendants("PackageReference"));
        Assert.Empty(core.Descendants("ProjectReference"));
        Assert.Equal(["GapLens.Core"], Allowed["GapLens.Reporting"]);
    }

    [Fact]
    public void EverySourceProjectHasAMirroringTestProject()
    {
        foreach (string project in SourceProjects())
        {
            Assert.True(File.Exists(Path.Combine(RepoRoot(), "tests", project + ".Tests", project + ".Tests.csproj")), $"{project} has no tests/{project}.Tests project");
        }
    }
}
