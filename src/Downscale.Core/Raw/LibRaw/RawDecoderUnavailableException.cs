namespace Downscale.Core.Raw;

/// <summary>
/// Camera RAW decoding is unavailable: the native LibRaw library is missing, lacks a function, or has a data layout
/// this build does not know. Install it with <c>apt-get install libraw20</c> (or <c>libraw-dev</c>) on Debian.
/// </summary>
public sealed class RawDecoderUnavailableException : InvalidOperationException
{
    /// <summary>The install hint every message ends with.</summary>
    public const string InstallHint = "install libraw (Debian: apt-get install libraw20 / libraw-dev)";

    /// <summary>Creates the exception with a default message.</summary>
    public RawDecoderUnavailableException()
        : base($"Camera RAW decoding needs the native LibRaw library; {InstallHint}.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RawDecoderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RawDecoderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
