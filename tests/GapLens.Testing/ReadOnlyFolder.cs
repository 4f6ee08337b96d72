using System.Diagnostics;

namespace GapLens.Testing;

/// <summary>
/// A folder that exists but cannot be written, even by root (tests run as root in CI containers):
/// the immutable attribute (chattr +i) where the file system allows it, else mode 0555 for a normal
/// user. <see cref="Dispose"/> makes it writable again.
/// </summary>
public sealed class ReadOnlyFolder : IDisposable
{
    private readonly bool _immutable;

    public ReadOnlyFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            _immutable = Chattr("+i", path);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
    }

    public string Path { get; }

    /// <summary>Whether writing really fails here (false: a root user on a file system without chattr).</summary>
    public bool IsReadOnly
    {
        get
        {
            string probe = System.IO.Path.Combine(Path, ".probe");
            try
            {
                File.WriteAllText(probe, "");
                File.Delete(probe);
                return false;
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                return true;
            }
        }
    }

    private static bool Chattr(string flag, string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true, UseShellExecute = false })!;
            p.WaitForExit(10_000);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_immutable) Chattr("-i", Path);
        else if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
