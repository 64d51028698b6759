using Downscale.Core.Imaging;

namespace Downscale.Core.Metrics;

/// <summary>
/// PSNR and SSIM on RGB and on Y in one pass: each image is cropped, quantised and converted once, and the four SSIM
/// planes (R, G, B, Y) are scored in parallel. Each number equals what <see cref="Psnr"/> and <see cref="Ssim"/> return
/// for the same options with the matching <see cref="QualityOptions.Channel"/>.
/// </summary>
public static class Fidelity
{
    /// <summary>The four scores of an RGB pair in [0, 1].</summary>
    /// <param name="prediction">The image being judged (3 channels).</param>
    /// <param name="target">The reference image, same shape.</param>
    /// <param name="options">Crop border, quantisation and data range; <see cref="QualityOptions.Channel"/> is ignored.
    /// <see cref="QualityOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// The shapes differ, the images are not RGB, or the cropped image is smaller than SSIM's 11x11 window.
    /// </exception>
    public static FidelityScores Compute(PlanarImage prediction, PlanarImage target, QualityOptions? options = null)
    {
        options ??= QualityOptions.Default;
        QualityInputs.Validate(prediction, target, options, needsLuma: true, needsSsimWindow: true);
        using var a = ScoringPlanes.Prepare(prediction, options, withLuma: true);
        using var b = ScoringPlanes.Prepare(target, options, withLuma: true);

        var predictions = new ReadOnlyMemory<double>[a.Count];
        var targets = new ReadOnlyMemory<double>[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            predictions[i] = a.Plane(i);
            targets[i] = b.Plane(i);
        }

        double[] ssim = GaussianSsim.MeanPerPlane(predictions, targets, a.Height, a.Width, options.DataRange);
        int luma = a.Count - 1;
        return new FidelityScores(
            PsnrRgb: Psnr.FromPlanes(a, b, 0, a.ColorCount, options.DataRange),
            PsnrY: Psnr.FromPlanes(a, b, luma, 1, options.DataRange),
            SsimRgb: (ssim[0] + ssim[1] + ssim[2]) / 3.0,
            SsimY: ssim[luma]);
    }
}
