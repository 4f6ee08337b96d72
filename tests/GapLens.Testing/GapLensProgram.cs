using System.Diagnostics;

namespace GapLens.Testing;

/// <summary>
/// How tests start the real gaplens program as a process. test.sh builds the native program the
/// ./gaplens launcher runs (Native AOT, .build/cli/gaplens) and names it in GAPLENS_TEST_CLI, so the
/// process tests run what users run; without it (a plain `dotnet test`), the gaplens.dll built next
/// to the tests is run with `dotnet`.
/// </summary>
public static class GapLensProgram
{
    public const string Variable = "GAPLENS_TEST_CLI";

    /// <summary>The program and the arguments that come before gaplens' own.</summary>
    public static IReadOnlyList<string> Command
    {
        get
        {
            string? native = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrEmpty(native)) return ["dotnet", Path.Combine(AppContext.BaseDirectory, "gaplens.dll")];
            if (!File.Exists(native)) throw new InvalidOperationException($"{Variable}={native}: no such program");
            return [Path.GetFullPath(native)];
        }
    }

    /// <summary>A start info for gaplens with <paramref name="args"/>, output not redirected.</summary>
    public static ProcessStartInfo StartInfo(params IEnumerable<string> args)
    {
        var command = Command;
        var psi = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (string a in command.Skip(1).Concat(args)) psi.ArgumentList.Add(a);
        return psi;
    }
}
