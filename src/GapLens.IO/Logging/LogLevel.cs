namespace GapLens.IO.Logging;

/// <summary>Log levels, lowest first.</summary>
public enum LogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
