namespace Downscale.Torch.Training;

/// <summary>Holds an exclusive lock on a run folder (<c>.lock</c>) so that two trainers never write one checkpoint.</summary>
internal sealed class RunFolderLock : IDisposable
{
    private readonly FileStream _lock;

    private RunFolderLock(FileStream stream) => _lock = stream;

    /// <summary>Creates the folder if needed and takes its lock.</summary>
    /// <exception cref="IOException">Another process or trainer holds the folder.</exception>
    public static RunFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, ".lock");
        try
        {
            return new RunFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException e)
        {
            throw new IOException($"The run folder '{folder}' is in use by another trainer ('{path}' is locked); wait for it or train into another folder.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();
}
