namespace Downscale.Onnx.Runtime;

/// <summary>
/// The execution provider asked for is not in the ONNX Runtime build this application carries (for example CUDA with
/// the CPU package). The message lists the providers that are there and how to get the missing one.
/// </summary>
public sealed class ExecutionProviderUnavailableException : InvalidOperationException
{
    /// <summary>Creates the exception with its message.</summary>
    public ExecutionProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ExecutionProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public ExecutionProviderUnavailableException()
    {
    }
}
