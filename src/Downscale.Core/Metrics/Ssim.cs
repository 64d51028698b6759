using Downscale.Core.Imaging;

namespace Downscale.Core.Metrics;

/// <summary>
/// Structural similarity with the pairs-v1 scoring convention: skimage's
/// <c>structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255)</c>,
/// per channel and averaged over channels (<c>channel_axis</c>) for <see cref="QualityChannel.Rgb"/>, or on Y.
/// </summary>
/// <remarks>
/// <para>
/// The window is an 11x11 Gaussian with sigma 1.5, K1 = 0.01, K2 = 0.03, population (co)variances, and the map is
/// averaged over the valid interior (5 pixels in from every side of the cropped image).
/// </para>
/// <para>
/// This is also exactly BasicSR's <c>calculate_ssim</c>: skimage filters the whole image with reflect padding but
/// then crops <c>(win_size - 1) / 2 = 5</c> pixels from the SSIM map, which is the filter's radius, so no padded value
/// reaches the mean; BasicSR keeps <c>filter2D(...)[5:-5, 5:-5]</c>, the same valid interior. The two peers agree to
/// 7.5e-14 on the Set14 fixtures, so there is one implementation and no variant switch.
/// </para>
/// <para>
/// Order of operations: quantise to 8-bit values (<see cref="QualityOptions.QuantizeTo8Bit"/>), crop the border, convert
/// to Y when asked, then float64. Identical images score exactly 1.
/// </para>
/// </remarks>
public static class Ssim
{
    /// <summary>Side of the Gaussian window: 11 (skimage: <c>2 * int(3.5 * sigma + 0.5) + 1</c>).</summary>
    public const int WindowSize = GaussianSsim.WindowSize;

    /// <summary>Standard deviation of the Gaussian window: 1.5.</summary>
    public const double WindowSigma = GaussianSsim.Sigma;

    /// <summary>The luminance stabiliser K1 = 0.01 (<c>C1 = (K1 L)^2</c>).</summary>
    public const double K1 = GaussianSsim.K1;

    /// <summary>The contrast stabiliser K2 = 0.03 (<c>C2 = (K2 L)^2</c>).</summary>
    public const double K2 = GaussianSsim.K2;

    /// <summary>
    /// The normalised 1-D window, <c>exp(-x^2 / (2 sigma^2))</c> for x = -5..5 divided by its sum (OpenCV's
    /// <c>getGaussianKernel(11, 1.5)</c>, scipy's 1-D Gaussian); the 2-D window is its outer product.
    /// </summary>
    public static ReadOnlySpan<double> WindowWeights => GaussianSsim.Weights;

    /// <summary>Mean SSIM between <paramref name="prediction"/> and <paramref name="target"/>, images in [0, 1].</summary>
    /// <param name="prediction">The image being judged.</param>
    /// <param name="target">The reference image, same shape.</param>
    /// <param name="options">Crop, channel and quantisation; <see cref="QualityOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">
    /// The shapes differ, the cropped image is smaller than the 11x11 window, or <see cref="QualityChannel.Y"/> is asked
    /// of a non-RGB image.
    /// </exception>
    public static double Compute(PlanarImage prediction, PlanarImage target, QualityOptions? options = null)
    {
        options ??= QualityOptions.Default;
        bool luma = options.Channel == QualityChannel.Y;
        QualityInputs.Validate(prediction, target, options, luma, needsSsimWindow: true);
        using var a = ScoringPlanes.Prepare(prediction, options, luma);
        using var b = ScoringPlanes.Prepare(target, options, luma);
        return luma ? FromPlanes(a, b, a.Count - 1, 1, options.DataRange) : FromPlanes(a, b, 0, a.ColorCount, options.DataRange);
    }

    /// <summary>Mean over planes [first, first + count) of each plane's mean SSIM.</summary>
    internal static double FromPlanes(ScoringPlanes a, ScoringPlanes b, int first, int count, double dataRange)
    {
        var predictions = new ReadOnlyMemory<double>[count];
        var targets = new ReadOnlyMemory<double>[count];
        for (int i = 0; i < count; i++)
        {
            predictions[i] = a.Plane(first + i);
            targets[i] = b.Plane(first + i);
        }

        return GaussianSsim.MeanPerPlane(predictions, targets, a.Height, a.Width, dataRange).Average();
    }
}
