using System.Diagnostics;

namespace GapLens.Testing;

/// <summary>Named pipes (FIFOs) for tests of inputs that can be read only once.</summary>
public static class Fifo
{
    /// <summary>Creates a FIFO at <paramref name="path"/> (mkfifo) and returns the path.</summary>
    public static string Make(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"mkfifo {path} failed");
        return path;
    }

    /// <summary>Writes <paramref name="bytes"/> into the FIFO from another thread once a reader opens it.
    /// Disposing waits for the writer; a writer nobody read from is released first.</summary>
    public static Writer WriteAsync(string path, byte[] bytes) => new(path, Task.Run(() =>
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
        try
        {
            fs.Write(bytes);
        }
        catch (IOException)
        {
            // The reader closed its end early (a test of a refusal).
        }
    }));

    public sealed class Writer(string path, Task task) : IDisposable
    {
        public Task Task { get; } = task;

        public void Dispose()
        {
            if (!Task.Wait(TimeSpan.FromSeconds(2)))
            {
                // Nobody opened the FIFO: open its reading end so the writer's open returns, and drain it.
                using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                fs.CopyTo(Stream.Null);
                Task.Wait(TimeSpan.FromSeconds(10));
            }
        }
    }
}
