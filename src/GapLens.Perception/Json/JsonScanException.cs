namespace GapLens.Perception.Json;

/// <summary>A structural JSON error found by <see cref="JsonScan"/>, at an index into the scanned span.</summary>
internal sealed class JsonScanException : Exception
{
    public JsonScanException(int position, string message) : base(message) => Position = position;

    public JsonScanException() { }

    public JsonScanException(string message) : base(message) { }

    public JsonScanException(string message, Exception inner) : base(message, inner) { }

    public int Position { get; }
}
