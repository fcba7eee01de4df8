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

    /// <summary>UTF-8 without a byte order mark, as <see cref="Write(string, string)"/> writes text.</summary>
    public static Action<Stream> Text(string content) => stream =>
    {
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    };
}
