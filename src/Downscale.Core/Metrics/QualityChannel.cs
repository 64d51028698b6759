namespace Downscale.Core.Metrics;

/// <summary>Which planes a PSNR or SSIM score is computed on.</summary>
public enum QualityChannel
{
    /// <summary>
    /// Every channel of the image (RGB for colour images): PSNR from the mean squared error over all pixels and
    /// channels, SSIM as the mean of the per-channel SSIMs (skimage's <c>channel_axis</c>, BasicSR's loop).
    /// </summary>
    Rgb,

    /// <summary>
    /// The BT.601 luma of an RGB image, <c>Y = 16 + 65.481 R + 128.553 G + 24.966 B</c> with R, G, B in [0, 1], on the
    /// 0-255 scale and not rounded (MATLAB <c>rgb2ycbcr</c>; see <see cref="Color.YCbCr"/>).
    /// </summary>
    Y,
}
