using Downscale.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Metrics;

/// <summary>Checks a pair of NCHW tensors before any native call, with the same rules as the managed metrics.</summary>
internal static class TensorQualityInputs
{
    /// <summary>Throws an actionable exception when the pair cannot be scored.</summary>
    public static void Validate(Tensor prediction, Tensor target, int cropBorder, QualityChannel channel, bool needsSsimWindow)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegative(cropBorder);
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "Channel must be Rgb or Y.");
        }

        if (prediction.dim() != 4 || !prediction.shape.SequenceEqual(target.shape))
        {
            throw new ArgumentException(
                $"Expected two NCHW tensors of the same shape, got prediction [{string.Join(", ", prediction.shape)}] " +
                $"and target [{string.Join(", ", target.shape)}].",
                nameof(target));
        }

        if (!prediction.is_floating_point() || prediction.dtype != target.dtype)
        {
            throw new ArgumentException(
                $"Expected floating-point tensors of one dtype, got {prediction.dtype} and {target.dtype}.", nameof(target));
        }

        long channels = prediction.shape[1], height = prediction.shape[2], width = prediction.shape[3];
        if (2L * cropBorder >= height || 2L * cropBorder >= width)
        {
            throw new ArgumentException(
                $"A crop border of {cropBorder} pixels leaves nothing of a {height}x{width} image " +
                "(twice the crop must be smaller than the height and the width).",
                nameof(cropBorder));
        }

        if (channel == QualityChannel.Y && channels != 3)
        {
            throw new ArgumentException($"Y (BT.601 luma) needs RGB tensors with 3 channels, got {channels}.", nameof(prediction));
        }

        long croppedHeight = height - (2L * cropBorder), croppedWidth = width - (2L * cropBorder);
        if (needsSsimWindow && (croppedHeight < Ssim.WindowSize || croppedWidth < Ssim.WindowSize))
        {
            throw new ArgumentException(
                $"SSIM needs at least {Ssim.WindowSize}x{Ssim.WindowSize} pixels after cropping (its Gaussian window), " +
                $"but a crop border of {cropBorder} leaves {croppedHeight}x{croppedWidth}.",
                nameof(prediction));
        }
    }

    /// <summary>Crops the border, then converts to Y when asked (the managed metrics' order); values stay in [0, 1] units.</summary>
    public static Tensor Prepare(Tensor image, int cropBorder, QualityChannel channel)
    {
        Tensor cropped = cropBorder == 0
            ? image.alias()
            : image.narrow(2, cropBorder, image.shape[2] - (2L * cropBorder)).narrow(3, cropBorder, image.shape[3] - (2L * cropBorder));
        return channel == QualityChannel.Y ? TensorYCbCr.Luma(cropped) : cropped;
    }
}
