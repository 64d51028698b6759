namespace Downscale.Core.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the same folder, which is flushed and then renamed
/// over the destination. A crash or an exception mid-write leaves the previous file (if any) untouched and no
/// half-written file under the destination name.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes the file through <paramref name="write"/>, then renames it into place.</summary>
    /// <param name="path">Destination path. Its folder is created when missing.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temporary name never collides with a real output.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
