using Downscale.Core.Tiling;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;
using Microsoft.ML;

namespace Downscale.MLNet.Torch;

/// <summary>Options of <see cref="AdkNetTrainer"/> (<c>mlContext.Downscaling().Trainers.AdkNet</c>).</summary>
public sealed record AdkNetTrainerOptions
{
    /// <summary>The architecture (scale, features, kernel size, ablation variants).</summary>
    public required AdkNetOptions Model { get; init; }

    /// <summary>The HR column: an image column (from <c>LoadImages</c>) or a text column of paths. Default <c>Hr</c>.</summary>
    public string HrColumnName { get; init; } = "Hr";

    /// <summary>The ground-truth LR column: an image column or a text column of paths. Default <c>Lr</c>.</summary>
    public string LrColumnName { get; init; } = "Lr";

    /// <summary>The image column the fitted transformer writes (it reads <see cref="HrColumnName"/>). Default <c>Downscaled</c>.</summary>
    public string OutputColumnName { get; init; } = "Downscaled";

    /// <summary>
    /// The trainer's settings: rate, schedule, batch size, steps or epochs, seed, validation and checkpoint intervals,
    /// and the run folder (checkpoints, <c>best.safetensors</c>, <c>log.jsonl</c>; a second Fit with the same folder resumes).
    /// </summary>
    public TrainerOptions Training { get; init; } = new() { Steps = 1000 };

    /// <summary>Crops and augmentation of training samples. Default: 192-pixel HR crops, augmented.</summary>
    public PairSamplingOptions Sampling { get; init; } = new() { HrPatchSize = 192 };

    /// <summary>Validation pairs with the same columns (whole images, scored every <see cref="TrainerOptions.ValidateEvery"/> steps); null for none.</summary>
    public IDataView? ValidationData { get; init; }

    /// <summary>Weight of L1 against the ground-truth LR (the paper's loss). Default 1.</summary>
    public double FidelityWeight { get; init; } = 1;

    /// <summary>Weight of the restorability loss (bicubic upscale of the output against the HR). Default 0.</summary>
    public double RestorabilityWeight { get; init; }

    /// <summary>Receives the trainer's reports (after each step, validation and checkpoint) on the training thread.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>Stops training cleanly (a checkpoint is written when there is a run folder); Fit then returns the model so far.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Tiling of the fitted transformer's inference (and its size policy). Default: the tiler's defaults.</summary>
    public TilingOptions Tiling { get; init; } = new();

    /// <summary>Rows the fitted transformer computes at once. Default 1 (libtorch uses every core per image).</summary>
    public int DegreeOfParallelism { get; init; } = 1;

    /// <summary>
    /// The engine of the fitted transformer. <see cref="LearnedEngine.TorchSharp"/> (default) keeps the trained
    /// <see cref="AdkNetDownscaler"/> (with its <see cref="AdkNetDownscaler.Training"/> report); <see cref="LearnedEngine.Onnx"/>
    /// exports it with our exporter and scores through ONNX Runtime, so the saved pipeline loads without TorchSharp.
    /// </summary>
    public LearnedEngine Engine { get; init; } = LearnedEngine.TorchSharp;
}

/// <summary>Which engine scores a learned ADK-Net in a pipeline.</summary>
public enum LearnedEngine
{
    /// <summary>TorchSharp (libtorch): the training stack; saved pipelines need Downscale.MLNet.Torch to load.</summary>
    TorchSharp,

    /// <summary>ONNX Runtime over the model exported by our exporter: scoring-only, saved pipelines load with Downscale.MLNet alone.</summary>
    Onnx,
}
