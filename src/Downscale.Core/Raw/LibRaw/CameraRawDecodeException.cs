namespace Downscale.Core.Raw;

/// <summary>
/// A camera RAW/DNG file could not be decoded: LibRaw rejected it (<see cref="ErrorCode"/> holds LibRaw's code) or
/// reported corrupt or truncated data while unpacking it.
/// </summary>
public sealed class CameraRawDecodeException : IOException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CameraRawDecodeException()
        : base("The camera RAW file could not be decoded.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CameraRawDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CameraRawDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a LibRaw error code.</summary>
    public CameraRawDecodeException(string message, string path, LibRawError errorCode)
        : base(message)
    {
        Path = path;
        ErrorCode = errorCode;
    }

    /// <summary>The file that failed, when known.</summary>
    public string? Path { get; }

    /// <summary>LibRaw's error code (<see cref="LibRawError.DataError"/> for corrupt data reported while unpacking).</summary>
    public LibRawError ErrorCode { get; } = LibRawError.UnspecifiedError;
}
