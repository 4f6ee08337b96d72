namespace GapLens.IO.Tensors;

/// <summary>One member of a zip archive: where its data starts in the file and how it is stored.</summary>
internal sealed record ZipEntryLocation(string Name, int Method, long DataOffset, long CompressedSize, long Size);
