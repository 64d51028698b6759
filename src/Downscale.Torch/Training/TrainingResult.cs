namespace Downscale.Torch.Training;

/// <summary>How a <see cref="Trainer.Run"/> ended.</summary>
/// <param name="Status">Completed or interrupted.</param>
/// <param name="Step">Completed steps (the run's, counting those before a resume).</param>
/// <param name="ResumedFromStep">The checkpoint step this session started from (0 for a fresh run).</param>
/// <param name="SmoothedLoss">The smoothed loss at the end.</param>
/// <param name="BestValidation">The best validation of the run, if any.</param>
/// <param name="LastValidation">The latest validation, if any.</param>
/// <param name="CheckpointFolder">The folder of the last checkpoint (<c>last/</c>), or null when nothing is saved.</param>
public sealed record TrainingResult(
    TrainingStatus Status,
    long Step,
    long ResumedFromStep,
    double SmoothedLoss,
    ValidationResult? BestValidation,
    ValidationResult? LastValidation,
    string? CheckpointFolder);

/// <summary>How a run ended.</summary>
public enum TrainingStatus
{
    /// <summary>All steps ran.</summary>
    Completed,

    /// <summary>Cancelled: the current step finished and a checkpoint was written (when there is a run folder).</summary>
    Interrupted,
}
