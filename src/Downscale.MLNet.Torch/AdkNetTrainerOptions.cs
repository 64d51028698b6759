using Downscale.Core.Tiling;
using Downscale.Torch.Models.AdkNet;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>Options of <see cref="AdkNetTrainer"/> (<c>mlContext.Downscaling().Trainers.AdkNet</c>).</summary>
public sealed record AdkNetTrainerOptions : DownscalerTrainerOptions<AdkNetOptions>
{
    // Model: the architecture (scale, features, kernel size, ablation variants). HrColumnName and LrColumnName: image
    // columns (from LoadImages) or text columns of paths.

    /// <summary>Crops and augmentation of training samples. Default: 192-pixel HR crops, augmented.</summary>
    public PairSamplingOptions Sampling { get; init; } = new() { HrPatchSize = 192 };

    /// <summary>Weight of L1 against the ground-truth LR (the paper's loss). Default 1.</summary>
    public double FidelityWeight { get; init; } = 1;

    /// <summary>Weight of the restorability loss (bicubic upscale of the output against the HR). Default 0.</summary>
    public double RestorabilityWeight { get; init; }

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
