using Downscale.Core.Color;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Metrics;

/// <summary>BT.601 luma of NCHW tensors, differentiable; the tensor form of <see cref="YCbCr.LumaFromRgb"/>.</summary>
public static class TensorYCbCr
{
    /// <summary>
    /// The luma <c>(16 + 65.481 R + 128.553 G + 24.966 B) / 255</c> of an N x 3 x H x W tensor in [0, 1]
    /// (MATLAB <c>rgb2ycbcr</c> divided by 255), as N x 1 x H x W. The input is not disposed; the result is a new tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor is not N x 3 x H x W floating point.</exception>
    public static Tensor Luma(Tensor rgb)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        if (rgb.dim() != 4 || rgb.shape[1] != 3 || !rgb.is_floating_point())
        {
            throw new ArgumentException(
                $"Expected a floating-point N x 3 x H x W tensor, got [{string.Join(", ", rgb.shape)}] {rgb.dtype}.", nameof(rgb));
        }

        using var scope = NewDisposeScope();
        Tensor y = (rgb.narrow(1, 0, 1) * (YCbCr.LumaRed / 255.0))
            + (rgb.narrow(1, 1, 1) * (YCbCr.LumaGreen / 255.0))
            + (rgb.narrow(1, 2, 1) * (YCbCr.LumaBlue / 255.0))
            + (YCbCr.LumaOffset / 255.0);
        return y.MoveToOuterDisposeScope();
    }
}
