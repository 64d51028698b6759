using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Training;
using Microsoft.ML;

namespace Downscale.MLNet.Torch;

/// <summary>Options of <c>mlContext.Downscaling().Trainers.RawWavelet</c>.</summary>
public sealed record RawWaveletTrainerOptions
{
    /// <summary>The architecture and its rational scale (<c>RawWaveletOptions.Improved(RationalScale.Parse("1.3"))</c> or <c>PaperFaithful</c>).</summary>
    public required RawWaveletOptions Model { get; init; }

    /// <summary>The HR RAW frame column (the output of <c>LoadRawFrames</c>). Default <c>Hr</c>.</summary>
    public string HrColumnName { get; init; } = "Hr";

    /// <summary>The ground-truth LR RAW frame column. Default <c>Lr</c>.</summary>
    public string LrColumnName { get; init; } = "Lr";

    /// <summary>The RAW frame column the fitted transformer writes (downscaling the HR column). Default <c>Downscaled</c>.</summary>
    public string OutputColumnName { get; init; } = "Downscaled";

    /// <summary>The trainer's options (steps or epochs, batch, rate, schedule, seed, run folder for checkpoints and resume, threads). <c>ModelMetadata</c> defaults to the architecture's.</summary>
    public TrainerOptions Training { get; init; } = new() { Steps = 1000, LearningRate = 1e-4 };

    /// <summary>Training crops (packed LR patch side, a multiple of 2^K·n; the transpose augmentation).</summary>
    public RawSamplingOptions Sampling { get; init; } = new();

    /// <summary>Validation pairs (HR and LR RAW frame columns of the same names), or null.</summary>
    public IDataView? ValidationData { get; init; }

    /// <summary>Weight of L_con (L1 on the packed LR). Default 1.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>Weight of L_hwc (the Haar bands of the LR). Default 1.</summary>
    public double WaveletWeight { get; init; } = 1;

    /// <summary>Weight of L_em (band energy). Default 0.1.</summary>
    public double EnergyWeight { get; init; } = 0.1;

    /// <summary>Receives the trainer's reports on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training cleanly; Fit then returns the model so far.</summary>
    public CancellationToken CancellationToken { get; init; }
}
