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

    /// <summary>As <see cref="Write(string, string)"/>, the content written by <paramref name="write"/> to the file's stream.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temp = path + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
