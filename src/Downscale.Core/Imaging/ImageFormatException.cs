namespace Downscale.Core.Imaging;

/// <summary>
/// A file was refused as an image: empty, truncated, corrupt, of an unsupported format, zero-sized, or not what the
/// caller asked for. Carries the path and the reason.
/// </summary>
/// <remarks>
/// An <see cref="IOException"/>, so code that already handles unreadable files handles these too
/// (<see cref="InvalidDataException"/>, the closer match, is sealed).
/// </remarks>
public class ImageFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with a human-readable <paramref name="reason"/>.</summary>
    public ImageFormatException(string path, string reason, Exception? innerException = null)
        : base($"'{path}' cannot be read as an image: {reason}", innerException)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ImageFormatException()
        : this("(unknown)", "invalid image data")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ImageFormatException(string message)
        : base(message)
    {
        Path = string.Empty;
        Reason = message;
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        Reason = message;
    }

    /// <summary>The file that was refused.</summary>
    public string Path { get; }

    /// <summary>Why it was refused.</summary>
    public string Reason { get; }
}
