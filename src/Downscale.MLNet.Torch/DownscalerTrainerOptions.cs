using Downscale.Torch.Training;
using Microsoft.ML;

namespace Downscale.MLNet.Torch;

/// <summary>
/// What the options of every trainer estimator here hold (<see cref="AdkNetTrainerOptions"/>,
/// <see cref="RawWaveletTrainerOptions"/>): the architecture, the pair columns, the generic trainer's settings,
/// validation data, progress and cancellation.
/// </summary>
/// <typeparam name="TModel">The architecture's options.</typeparam>
public abstract record DownscalerTrainerOptions<TModel>
    where TModel : class
{
    /// <summary>The architecture (and its scale).</summary>
    public required TModel Model { get; init; }

    /// <summary>The HR column (of the kind the trainer reads). Default <c>Hr</c>.</summary>
    public string HrColumnName { get; init; } = "Hr";

    /// <summary>The ground-truth LR column (of the same kind as the HR column). Default <c>Lr</c>.</summary>
    public string LrColumnName { get; init; } = "Lr";

    /// <summary>The column the fitted transformer writes (it reads <see cref="HrColumnName"/>). Default <c>Downscaled</c>.</summary>
    public string OutputColumnName { get; init; } = "Downscaled";

    /// <summary>
    /// The trainer's settings: rate, schedule, batch size, steps or epochs, seed, validation and checkpoint intervals,
    /// threads, and the run folder (checkpoints, <c>best.safetensors</c>, <c>log.jsonl</c>; a second Fit with the same
    /// folder resumes). <c>ModelMetadata</c> defaults to the architecture's. Default: 1000 steps.
    /// </summary>
    public TrainerOptions Training { get; init; } = new() { Steps = 1000 };

    /// <summary>Validation pairs with the same columns (scored every <see cref="TrainerOptions.ValidateEvery"/> steps); null for none.</summary>
    public IDataView? ValidationData { get; init; }

    /// <summary>Receives the trainer's reports (after each step, validation and checkpoint) on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training cleanly (a checkpoint is written when there is a run folder); Fit then returns the model so far.</summary>
    public CancellationToken CancellationToken { get; init; }
}
