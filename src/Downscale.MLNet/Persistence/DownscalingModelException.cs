namespace Downscale.MLNet.Persistence;

/// <summary>
/// A saved pipeline's downscaling stage cannot be used: its configuration is corrupt, was written by an incompatible
/// version of Downscale.MLNet, or names a model engine that this application does not reference.
/// </summary>
public sealed class DownscalingModelException : Exception
{
    /// <summary>An exception with a message.</summary>
    public DownscalingModelException()
        : base("The downscaling stage's saved configuration cannot be used.")
    {
    }

    /// <summary>An exception with a message.</summary>
    public DownscalingModelException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and its cause.</summary>
    public DownscalingModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
