using System.Globalization;

namespace Downscale.MLNet.Evaluation;

/// <summary>
/// Aggregate fidelity of a downscaler over a data set (the mean of each per-image score, the papers' convention), as
/// ML.NET's <c>RegressionMetrics</c> aggregates a regressor's errors.
/// </summary>
public sealed class DownscalingMetrics
{
    internal DownscalingMetrics(double psnrRgb, double psnrY, double ssimRgb, double ssimY, long count)
    {
        PsnrRgb = psnrRgb;
        PsnrY = psnrY;
        SsimRgb = ssimRgb;
        SsimY = ssimY;
        Count = count;
    }

    /// <summary>Mean PSNR over the three colour channels, in dB (+infinity when an image is identical to its target).</summary>
    public double PsnrRgb { get; }

    /// <summary>Mean PSNR on the BT.601 luma, in dB.</summary>
    public double PsnrY { get; }

    /// <summary>Mean SSIM over the three colour channels.</summary>
    public double SsimRgb { get; }

    /// <summary>Mean SSIM on the BT.601 luma.</summary>
    public double SsimY { get; }

    /// <summary>The number of images scored.</summary>
    public long Count { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"PSNR {PsnrRgb:F2} dB (Y {PsnrY:F2}), SSIM {SsimRgb:F4} (Y {SsimY:F4}) over {Count} images");
}
