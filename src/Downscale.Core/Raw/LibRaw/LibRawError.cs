namespace Downscale.Core.Raw;

/// <summary>LibRaw's error codes (<c>enum LibRaw_errors</c> of <c>libraw_const.h</c>).</summary>
public enum LibRawError
{
    /// <summary>No error.</summary>
    Success = 0,

    /// <summary>Unspecified error.</summary>
    UnspecifiedError = -1,

    /// <summary>Not a RAW file, or a format LibRaw does not support.</summary>
    FileUnsupported = -2,

    /// <summary>Request for an image index the file does not have.</summary>
    RequestForNonexistentImage = -3,

    /// <summary>Functions called in the wrong order.</summary>
    OutOfOrderCall = -4,

    /// <summary>No thumbnail.</summary>
    NoThumbnail = -5,

    /// <summary>Unsupported thumbnail format.</summary>
    UnsupportedThumbnail = -6,

    /// <summary>The input stream was closed.</summary>
    InputClosed = -7,

    /// <summary>Not implemented in this LibRaw build.</summary>
    NotImplemented = -8,

    /// <summary>Out of memory.</summary>
    InsufficientMemory = -100007,

    /// <summary>Corrupt data or unexpected end of file.</summary>
    DataError = -100008,

    /// <summary>Input/output error.</summary>
    IOError = -100009,

    /// <summary>Cancelled by a callback.</summary>
    CancelledByCallback = -100010,

    /// <summary>Bad crop box.</summary>
    BadCrop = -100011,

    /// <summary>The image is too big.</summary>
    TooBig = -100012,

    /// <summary>LibRaw's memory pool overflowed.</summary>
    MempoolOverflow = -100013,
}
