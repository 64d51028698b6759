using System.Globalization;
using System.Text;

namespace Downscale.Torch.Training;

/// <summary>What a trainer reports through <see cref="IProgress{T}"/> after each step, validation and checkpoint.</summary>
/// <param name="Event">What just happened.</param>
/// <param name="Step">Completed steps.</param>
/// <param name="TotalSteps">Steps of the whole run.</param>
/// <param name="Epoch">Completed epochs, fractional (samples seen / samples per epoch).</param>
/// <param name="Loss">The loss of the last step.</param>
/// <param name="SmoothedLoss">Bias-corrected exponential moving average of the loss.</param>
/// <param name="LearningRate">The rate of the next step.</param>
/// <param name="StepsPerSecond">Steps per second in this session (validations and checkpoints included).</param>
/// <param name="Eta">Estimated time to the end of the run; null before the first step of the session.</param>
/// <param name="Validation">The latest validation, if any.</param>
/// <param name="BestValidationPsnr">The best validation PSNR of the run so far, if any.</param>
public sealed record TrainingProgress(
    TrainingEvent Event,
    long Step,
    long TotalSteps,
    double Epoch,
    double Loss,
    double SmoothedLoss,
    double LearningRate,
    double StepsPerSecond,
    TimeSpan? Eta,
    ValidationResult? Validation,
    double? BestValidationPsnr)
{
    /// <summary>One line: <c>step 120/1000 epoch 1.50 loss 0.01234 (avg 0.01300) lr 1.0e-04 4.20 steps/s ETA 00:03:30 val 31.20 dB</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"step {Step}/{TotalSteps} epoch {Epoch:F2} loss {Loss:F5} (avg {SmoothedLoss:F5}) lr {LearningRate:0.0##e+00} {StepsPerSecond:F2} steps/s");
        if (Eta is { } eta)
        {
            text.Append(CultureInfo.InvariantCulture, $" ETA {eta:hh\\:mm\\:ss}");
        }

        if (Validation is { } v)
        {
            text.Append(CultureInfo.InvariantCulture, $" val L1 {v.L1:F5} PSNR {v.Psnr:F2} dB{(v.IsBest ? " (best)" : string.Empty)}");
        }

        return text.ToString();
    }
}

/// <summary>What a <see cref="TrainingProgress"/> report follows.</summary>
public enum TrainingEvent
{
    /// <summary>An optimiser step.</summary>
    Step,

    /// <summary>A validation pass (<see cref="TrainingProgress.Validation"/> holds its scores).</summary>
    Validation,

    /// <summary>A checkpoint was written.</summary>
    Checkpoint,
}
