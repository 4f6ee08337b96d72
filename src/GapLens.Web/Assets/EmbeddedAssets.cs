using System.Collections.Frozen;
using System.Security.Cryptography;

namespace GapLens.Web.Assets;

/// <summary>
/// The pages, scripts and styles compiled into the assembly (nothing is read from disk or fetched from
/// elsewhere), by file name, each with its content type and an ETag.
/// </summary>
internal static class EmbeddedAssets
{
    private const string Prefix = "GapLens.Web.Assets.";

    private static readonly FrozenDictionary<string, Asset> All = Load();

    internal sealed record Asset(string Name, byte[] Bytes, string ContentType, string ETag);

    public static Asset? Find(string name) => All.TryGetValue(name, out var a) ? a : null;

    public static Asset Get(string name) => Find(name) ?? throw new InvalidOperationException($"asset {name} is not embedded");

    public static IEnumerable<string> Names => All.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var asm = typeof(EmbeddedAssets).Assembly;
        var d = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string res in asm.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var s = asm.GetManifestResourceStream(res)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            byte[] bytes = ms.ToArray();
            string name = res[Prefix.Length..];
            string type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            d[name] = new Asset(name, bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8)) + "\"");
        }
        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
