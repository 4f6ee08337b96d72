namespace GapLens.Testing;

/// <summary>Base for test classes that each need a fresh temporary folder (xunit makes one instance per test).</summary>
public abstract class TempDirTest : IDisposable
{
    protected TempDir Dir { get; } = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Dir.Dispose();
    }
}
