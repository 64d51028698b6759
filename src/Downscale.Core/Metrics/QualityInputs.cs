using Downscale.Core.Imaging;

namespace Downscale.Core.Metrics;

/// <summary>Checks that a pair of images can be scored with the given options, before any work is done.</summary>
internal static class QualityInputs
{
    /// <summary>Throws an actionable exception when the pair cannot be scored.</summary>
    /// <param name="prediction">The image being judged.</param>
    /// <param name="target">The reference image.</param>
    /// <param name="options">Scoring options (crop border).</param>
    /// <param name="needsLuma">True when Y is scored (the images must be RGB).</param>
    /// <param name="needsSsimWindow">True when SSIM is scored (the cropped image must hold one 11x11 window).</param>
    public static void Validate(
        PlanarImage prediction, PlanarImage target, QualityOptions options, bool needsLuma, bool needsSsimWindow)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        if (!prediction.SameShape(target))
        {
            throw new ArgumentException(
                $"The images to compare differ in shape: prediction {Describe(prediction)}, target {Describe(target)}.",
                nameof(target));
        }

        int crop = options.CropBorder;
        if (2L * crop >= prediction.Height || 2L * crop >= prediction.Width)
        {
            throw new ArgumentException(
                $"A crop border of {crop} pixels leaves nothing of a {prediction.Height}x{prediction.Width} image " +
                "(twice the crop must be smaller than the height and the width).",
                nameof(options));
        }

        if (needsLuma && prediction.Channels != 3)
        {
            throw new ArgumentException(
                $"Y (BT.601 luma) needs RGB images with 3 channels, got {Describe(prediction)}.", nameof(prediction));
        }

        int height = prediction.Height - (2 * crop), width = prediction.Width - (2 * crop);
        if (needsSsimWindow && (height < GaussianSsim.WindowSize || width < GaussianSsim.WindowSize))
        {
            throw new ArgumentException(
                $"SSIM needs at least {GaussianSsim.WindowSize}x{GaussianSsim.WindowSize} pixels after cropping " +
                $"(its Gaussian window), but a crop border of {crop} leaves {height}x{width}.",
                nameof(prediction));
        }
    }

    private static string Describe(PlanarImage image) => $"{image.Channels}x{image.Height}x{image.Width} (CxHxW)";
}
