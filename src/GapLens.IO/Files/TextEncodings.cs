using System.Text;

namespace GapLens.IO.Files;

/// <summary>The encodings outputs use: UTF-8 without BOM, failing on unpaired surrogates.</summary>
public static class TextEncodings
{
    public static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
