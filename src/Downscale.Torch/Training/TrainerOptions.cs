namespace Downscale.Torch.Training;

/// <summary>Settings of a <see cref="Trainer"/> run. Values are validated when set; <see cref="Validate"/> checks the combination.</summary>
/// <remarks>
/// The settings that shape the trajectory (rate, betas, schedule, batch size, seed, validation interval) enter the
/// options hash of checkpoints; the length of the run, the intervals of checkpoints, threads and device do not, so a
/// run can be extended or moved and still resume.
/// </remarks>
public sealed record TrainerOptions
{
    /// <summary>The file name of the run's JSON-lines log in <see cref="OutputFolder"/>.</summary>
    public const string LogFileName = TrainingLog.FileName;

    /// <summary>Adam's initial learning rate. Default <see cref="Defaults.LearningRate"/>.</summary>
    public double LearningRate { get; init => field = Positive(value, nameof(LearningRate)); } = Defaults.LearningRate;

    /// <summary>Adam's β1. Default 0.9.</summary>
    public double Beta1 { get; init => field = Unit(value, nameof(Beta1)); } = 0.9;

    /// <summary>Adam's β2. Default 0.999 (PyTorch's).</summary>
    public double Beta2 { get; init => field = Unit(value, nameof(Beta2)); } = 0.999;

    /// <summary>Adam's ε. Default 1e-8.</summary>
    public double Epsilon { get; init => field = Positive(value, nameof(Epsilon)); } = 1e-8;

    /// <summary>How the rate changes. Default <see cref="LearningRateSchedule.Constant"/>.</summary>
    public LearningRateSchedule Schedule { get; init => field = value ?? throw new ArgumentNullException(nameof(Schedule)); } = LearningRateSchedule.Constant;

    /// <summary>Samples per step. Default <see cref="Defaults.BatchSize"/>.</summary>
    public int BatchSize { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "The batch size must be at least 1."); } = Defaults.BatchSize;

    /// <summary>Total optimiser steps of the run; set this or <see cref="Epochs"/>.</summary>
    public long? Steps { get; init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Steps), value, "The run needs at least one step."); }

    /// <summary>Length of the run in epochs (passes over the sampler's epoch, rounded up to whole steps); set this or <see cref="Steps"/>.</summary>
    public double? Epochs { get; init => field = value is null ? null : Positive(value.Value, nameof(Epochs)); }

    /// <summary>Seed of the data order, crops and augmentations (the model's initialisation is the caller's). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Validate every this many steps (and after the last step) when a validation set is given. Default <see cref="Defaults.ValidateEvery"/>.</summary>
    public int ValidateEvery { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ValidateEvery), value, "Validate every N >= 1 steps."); } = Defaults.ValidateEvery;

    /// <summary>Write a checkpoint every this many steps (and after the last step, and when cancelled). Default <see cref="Defaults.CheckpointEvery"/>.</summary>
    public int CheckpointEvery { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(CheckpointEvery), value, "Checkpoint every N >= 1 steps."); } = Defaults.CheckpointEvery;

    /// <summary>
    /// The run folder: <c>last/</c> (the checkpoint), <c>best.safetensors</c> (best validation PSNR) and <c>log.jsonl</c>.
    /// Null keeps nothing on disk (no checkpoints, no resume).
    /// </summary>
    public string? OutputFolder { get; init; }

    /// <summary>What to do with a checkpoint already in <see cref="OutputFolder"/>. Default <see cref="ResumeMode.Auto"/>.</summary>
    public ResumeMode Resume { get; init; } = ResumeMode.Auto;

    /// <summary>libtorch's intra-op threads (<c>torch.set_num_threads</c>, process-wide); null for the physical cores.</summary>
    public int? Threads { get; init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), value, "Use at least one thread."); }

    /// <summary>Apply <see cref="Native.MallocTuning"/> at start (glibc only). Default true.</summary>
    public bool TuneMalloc { get; init; } = true;

    /// <summary>The torch device (<c>cpu</c>, <c>cuda</c>, <c>cuda:1</c>). Default <c>cpu</c>.</summary>
    public string Device { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Name a device such as 'cpu' or 'cuda'.", nameof(Device)) : value; } = "cpu";

    /// <summary>Weight of the exponential moving average of the reported loss, in [0, 1). Default 0.98.</summary>
    public double LossSmoothing { get; init => field = value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(LossSmoothing), value, "The smoothing must be in [0, 1)."); } = 0.98;

    /// <summary>Metadata written into every saved weights file (e.g. <c>architecture</c>, <c>scale</c>), beside the trainer's own.</summary>
    public IReadOnlyDictionary<string, string>? ModelMetadata { get; init; }

    /// <summary>The run's total steps for a sampler with <paramref name="samplesPerEpoch"/> samples per epoch.</summary>
    public long TotalSteps(long samplesPerEpoch) =>
        Steps ?? (long)Math.Ceiling(Epochs!.Value * samplesPerEpoch / BatchSize);

    /// <summary>Throws when the combination of settings cannot run.</summary>
    /// <exception cref="ArgumentException">Neither or both of <see cref="Steps"/> and <see cref="Epochs"/> are set.</exception>
    public void Validate()
    {
        if ((Steps is null) == (Epochs is null))
        {
            throw new ArgumentException("Set exactly one of Steps and Epochs to say how long the run is.");
        }
    }

    private static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive finite number.");

    private static double Unit(double value, string name) =>
        value is >= 0 and < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");

    /// <summary>Default values (the ADK-Net paper's rate).</summary>
    public static class Defaults
    {
        /// <summary>1e-4, ADK-Net's Adam rate.</summary>
        public const double LearningRate = 1e-4;

        /// <summary>16 samples per step.</summary>
        public const int BatchSize = 16;

        /// <summary>Validate every 1000 steps.</summary>
        public const int ValidateEvery = 1000;

        /// <summary>Checkpoint every 1000 steps.</summary>
        public const int CheckpointEvery = 1000;
    }
}

/// <summary>What a trainer does with a checkpoint already in its run folder.</summary>
public enum ResumeMode
{
    /// <summary>Resume from it when there is one, else start afresh.</summary>
    Auto,

    /// <summary>Resume from it; fail when there is none.</summary>
    Required,

    /// <summary>Start afresh; fail when the folder already holds a checkpoint (it is never overwritten by a new run).</summary>
    Never,
}
