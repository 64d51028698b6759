namespace Downscale.Onnx.Export;

/// <summary>
/// The exporter cannot express a model in ONNX: a module, layer configuration or weight it does not know. The message
/// names the module or tensor. Nothing is written when it is thrown.
/// </summary>
public sealed class OnnxExportException : ArgumentException
{
    /// <summary>Creates the exception with its message.</summary>
    public OnnxExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public OnnxExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public OnnxExportException()
    {
    }
}
