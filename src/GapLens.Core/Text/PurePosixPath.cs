using System.Text;

namespace GapLens.Core.Text;

/// <summary>
/// Joining as Python's <c>str(PurePosixPath(a) / b / ...)</c> does, with no file system access: an
/// absolute part replaces what came before; empty and "." segments and trailing slashes disappear;
/// ".." is kept; a leading "//" (exactly two slashes) is kept, three or more become one; an empty
/// result is ".".
/// </summary>
public static class PurePosixPath
{
    public static string Join(params ReadOnlySpan<string> parts)
    {
        string root = "";
        var segments = new List<string>();
        foreach (string part in parts)
        {
            if (part.Length == 0) continue;
            if (part[0] == '/')
            {
                segments.Clear();
                root = part.StartsWith("//", StringComparison.Ordinal) && !part.StartsWith("///", StringComparison.Ordinal) ? "//" : "/";
            }
            foreach (string seg in part.Split('/'))
            {
                if (seg.Length == 0 || seg == ".") continue;
                segments.Add(seg);
            }
        }
        if (segments.Count == 0) return root.Length > 0 ? root : ".";
        var sb = new StringBuilder(root);
        for (int i = 0; i < segments.Count; i++)
        {
            if (i > 0) sb.Append('/');
            sb.Append(segments[i]);
        }
        return sb.ToString();
    }
}
