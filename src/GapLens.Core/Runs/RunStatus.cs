namespace GapLens.Core.Runs;

/// <summary>The end of a run, mapped one to one to exit codes: 0, 1, 2, 3, 130/143.</summary>
public enum RunStatus
{
    Passed,
    GateFailed,
    UserError,
    InternalError,
    Cancelled,
}
