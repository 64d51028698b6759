namespace Downscale.Torch.Safetensors;

/// <summary>A safetensors file is truncated, corrupt, or holds values that cannot be loaded (for example NaN weights).</summary>
public sealed class SafetensorsFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SafetensorsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SafetensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public SafetensorsFormatException()
    {
    }
}
