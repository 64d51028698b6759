using Downscale.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Metrics;

/// <summary>
/// SSIM per image of NCHW tensors in [0, 1], differentiable: the tensor form of <see cref="Ssim"/> (skimage's
/// <c>structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False)</c>, equal to BasicSR's
/// <c>calculate_ssim</c>), matching it on 8-bit-valued inputs.
/// </summary>
/// <remarks>
/// The 11x11 Gaussian (<see cref="Ssim.WindowWeights"/>) runs as two grouped 1-D convolutions without padding, so the
/// map covers exactly the valid interior that skimage keeps after cropping 5 pixels from its reflect-padded map and
/// that BasicSR keeps with <c>[5:-5, 5:-5]</c>; no padding convention is involved. Work in float64 for scores that
/// must match the managed metric to 1e-9; float32 agrees to a few 1e-6 (dB or SSIM) on Set14.
/// </remarks>
public static class TensorSsim
{
    private const int Statistics = 5;

    /// <summary>Mean SSIM per image (averaged over channels for <see cref="QualityChannel.Rgb"/>), shape [N]; inputs are not disposed.</summary>
    /// <param name="prediction">N x C x H x W, values in [0, 1].</param>
    /// <param name="target">Same shape and dtype.</param>
    /// <param name="cropBorder">Pixels removed from each border first.</param>
    /// <param name="channel">All channels, or the BT.601 luma (C must be 3).</param>
    /// <exception cref="ArgumentException">
    /// Shapes or dtypes differ, the cropped image is smaller than the 11x11 window, or Y is asked of a non-RGB tensor.
    /// </exception>
    public static Tensor Compute(Tensor prediction, Tensor target, int cropBorder = 0, QualityChannel channel = QualityChannel.Rgb)
    {
        TensorQualityInputs.Validate(prediction, target, cropBorder, channel, needsSsimWindow: true);
        using var scope = NewDisposeScope();
        Tensor x = TensorQualityInputs.Prepare(prediction, cropBorder, channel);
        Tensor y = TensorQualityInputs.Prepare(target, cropBorder, channel);

        // Filter x, y, x^2, y^2 and xy in one grouped convolution per axis.
        Tensor moments = GaussianFilter(cat([x, y, x * x, y * y, x * y], 1));
        Tensor[] parts = moments.chunk(Statistics, 1);
        Tensor ux = parts[0], uy = parts[1], uxx = parts[2], uyy = parts[3], uxy = parts[4];
        Tensor uxuy = ux * uy;
        Tensor vx = uxx - (ux * ux), vy = uyy - (uy * uy), vxy = uxy - uxuy;
        const double C1 = Ssim.K1 * Ssim.K1, C2 = Ssim.K2 * Ssim.K2; // data range 1
        Tensor map = ((uxuy * 2.0) + C1) * ((vxy * 2.0) + C2) / (((ux * ux) + (uy * uy) + C1) * (vx + vy + C2));
        return map.mean([1, 2, 3]).MoveToOuterDisposeScope();
    }

    // Valid (unpadded) separable Gaussian over each plane: N x P x H x W -> N x P x (H - 10) x (W - 10).
    private static Tensor GaussianFilter(Tensor planes)
    {
        long count = planes.shape[1];
        Tensor window = tensor(Ssim.WindowWeights.ToArray(), dtype: planes.dtype, device: planes.device);
        Tensor vertical = window.reshape(1, 1, Ssim.WindowSize, 1).repeat(count, 1, 1, 1);
        Tensor horizontal = window.reshape(1, 1, 1, Ssim.WindowSize).repeat(count, 1, 1, 1);
        Tensor rows = nn.functional.conv2d(planes, vertical, groups: count);
        return nn.functional.conv2d(rows, horizontal, groups: count);
    }
}
