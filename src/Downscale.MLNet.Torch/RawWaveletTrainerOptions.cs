using Downscale.Torch.Models.RawWavelet;
using Downscale.Torch.Training;

namespace Downscale.MLNet.Torch;

/// <summary>Options of <c>mlContext.Downscaling().Trainers.RawWavelet</c>.</summary>
public sealed record RawWaveletTrainerOptions : DownscalerTrainerOptions<RawWaveletOptions>
{
    // Model: the architecture and its rational scale (RawWaveletOptions.Improved(RationalScale.Parse("1.3")) or
    // PaperFaithful). HrColumnName and LrColumnName: RAW frame columns (the output of LoadRawFrames).

    /// <summary>Options with the RAW wavelet model's default training rate (1e-4, 1000 steps).</summary>
    public RawWaveletTrainerOptions()
    {
        Training = new() { Steps = 1000, LearningRate = 1e-4 };
    }

    /// <summary>Training crops (packed LR patch side, a multiple of 2^K·n; the transpose augmentation).</summary>
    public RawSamplingOptions Sampling { get; init; } = new();

    /// <summary>Weight of L_con (L1 on the packed LR). Default 1.</summary>
    public double ContentWeight { get; init; } = 1;

    /// <summary>Weight of L_hwc (the Haar bands of the LR). Default 1.</summary>
    public double WaveletWeight { get; init; } = 1;

    /// <summary>Weight of L_em (band energy). Default 0.1.</summary>
    public double EnergyWeight { get; init; } = 0.1;
}
