using System.Text;

namespace ComplianceScanner.Pipeline;

/// <summary>Writes a file so that readers see either the old or the new content, never a half-written one.</summary>
internal static class AtomicFile
{
    public static void Write(string path, string content)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }
}
