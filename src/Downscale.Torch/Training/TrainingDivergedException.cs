namespace Downscale.Torch.Training;

/// <summary>
/// The loss or the weights became NaN or infinite. Nothing is saved from that point on: the last checkpoint stays the
/// last good one. Lower the learning rate or check the data.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TrainingDivergedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
