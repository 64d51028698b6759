namespace Downscale.Onnx.Runtime;

/// <summary>
/// An ONNX file cannot be scored as a downscaler: it is empty, corrupt or truncated, its inputs or outputs do not
/// look like an image downscaler's, or a required metadata key is missing or invalid. The message names the file and
/// what is wrong.
/// </summary>
public sealed class OnnxModelFormatException : IOException
{
    /// <summary>Creates the exception with its message.</summary>
    public OnnxModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OnnxModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public OnnxModelFormatException()
    {
    }
}
