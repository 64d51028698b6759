using Downscale.Core.Imaging;
using Downscale.Core.Metrics;
using Downscale.MLNet.Persistence;

namespace Downscale.MLNet.Stages;

/// <summary>PSNR and SSIM (RGB and Y, border crop) of a prediction image against a target image, per row.</summary>
internal sealed class FidelityStage(FidelityStageConfig config) : ImageStage(config, [config.PredictionColumn, config.TargetColumn])
{
    private readonly QualityOptions options = new()
    {
        CropBorder = config.CropBorder,
        QuantizeTo8Bit = config.QuantizeTo8Bit,
        DataRange = config.DataRange,
    };

    /// <inheritdoc />
    public override object Compute(IReadOnlyList<PlanarImage> inputs)
    {
        PlanarImage prediction = inputs[0], target = inputs[1];
        if (!prediction.SameShape(target))
        {
            throw new InvalidOperationException(
                $"ComputeFidelity compares images of one size, but column '{config.PredictionColumn}' holds a {prediction.Width}x{prediction.Height} image " +
                $"and column '{config.TargetColumn}' a {target.Width}x{target.Height} one in this row.");
        }

        int minimum = (2 * config.CropBorder) + 11;
        if (prediction.Height < minimum || prediction.Width < minimum)
        {
            throw new InvalidOperationException(
                $"ComputeFidelity needs images of at least {minimum}x{minimum} pixels (an 11x11 SSIM window after cropping {config.CropBorder} pixels per border); " +
                $"column '{config.PredictionColumn}' holds a {prediction.Width}x{prediction.Height} image in this row.");
        }

        return Fidelity.Compute(prediction, target, options);
    }
}
