namespace GapLens.Core;

/// <summary>
/// The one user-facing error: bad input, a missing file, an unknown option. Its message names the
/// file, line, field or key, the value seen and what is allowed. The CLI prints the message alone
/// (no stack trace) and exits with code 2; anything else that escapes is a bug (exit 3).
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message) : base(message) { }

    public UserInputException(string message, Exception inner) : base(message, inner) { }

    public UserInputException() { }
}
