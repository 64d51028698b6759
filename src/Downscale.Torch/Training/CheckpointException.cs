namespace Downscale.Torch.Training;

/// <summary>
/// A checkpoint cannot be used: it is truncated or corrupt, holds NaN weights, belongs to another architecture, or
/// was written under other training options. The message names the file and what to do.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
