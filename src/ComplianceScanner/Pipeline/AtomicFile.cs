using System.Text;

namespace ComplianceScanner.Pipeline;

/// <summary>Writes files so that readers see either the old or the new content, never a half-written one.</summary>
internal static class AtomicFile
{
    /// <summary>Writes one file: the content written by <paramref name="write"/> to the file's stream.</summary>
    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>
    /// Writes several files so that none is replaced unless all were written: each is written to a temporary file
    /// first, and only when every one succeeded are they moved into place. A failure (a template error in the middle
    /// of a streamed report) removes the temporary files and leaves every previous file as it was.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var temps = new List<string>(files.Count);
        try
        {
            foreach (var (path, write) in files)
            {
                var temp = path + ".tmp-" + Environment.ProcessId;
                temps.Add(temp);
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
                write(stream);
            }
        }
        catch
        {
            foreach (var temp in temps)
            {
                File.Delete(temp);
            }

            throw;
        }

        for (var i = 0; i < files.Count; i++)
        {
            File.Move(temps[i], files[i].Path, overwrite: true);
        }
    }

    /// <summary>Text content, written UTF-8 without a byte order mark.</summary>
    public static Action<Stream> Text(string content) => stream => stream.Write(new UTF8Encoding(false).GetBytes(content));
}
