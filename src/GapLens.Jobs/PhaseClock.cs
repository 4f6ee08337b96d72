using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using GapLens.IO.Logging;

namespace GapLens.Jobs;

/// <summary>
/// Phase timings for --verbose: each <see cref="Lap"/> logs (at debug level) the wall and CPU time
/// of the phase that just ended and the running totals. CPU time is that of the whole process (all
/// threads), the steadier figure on a shared machine. The JIT figures (methods compiled at run time
/// and the time spent compiling them) show what ReadyToRun did not precompile; the native program
/// ./gaplens builds (Native AOT) compiles nothing at run time and says "no JIT".
/// </summary>
internal sealed class PhaseClock(RunLog log, string scope)
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuStart = Environment.CpuUsage.TotalTime;
    private double _lastWall;
    private double _lastCpu;

    public void Lap(string phase)
    {
        if (!log.IsEnabled(LogLevel.Debug)) return;
        double wall = _wall.Elapsed.TotalSeconds;
        double cpu = (Environment.CpuUsage.TotalTime - _cpuStart).TotalSeconds;
        log.Debug(string.Create(CultureInfo.InvariantCulture,
            $"{scope} phase {phase}: {wall - _lastWall:F3} s wall, {cpu - _lastCpu:F3} s CPU ({wall:F3} s, {cpu:F3} s CPU so far; working set {Environment.WorkingSet / 1048576.0:F0} MiB; {Jit()}; GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} paused {GC.GetTotalPauseDuration().TotalSeconds:F3} s)"));
        _lastWall = wall;
        _lastCpu = cpu;
    }

    private static string Jit() => System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported
        ? string.Create(CultureInfo.InvariantCulture, $"JIT {JitInfo.GetCompiledMethodCount():#,0} methods in {JitInfo.GetCompilationTime().TotalSeconds:F3} s")
        : "no JIT (native program)";
}
