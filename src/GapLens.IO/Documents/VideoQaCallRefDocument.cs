namespace GapLens.IO.Documents;

/// <summary>A tool call as an assistant message carries it: id, tool name, arguments (JSON text).</summary>
public sealed record VideoQaCallRefDocument(string Id, string Name, string Arguments);
