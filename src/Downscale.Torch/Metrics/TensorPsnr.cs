using Downscale.Core.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Downscale.Torch.Metrics;

/// <summary>
/// PSNR per image of NCHW tensors in [0, 1], differentiable (no host round trip): the tensor form of
/// <see cref="Psnr"/> with <see cref="QualityOptions.QuantizeTo8Bit"/> off, i.e. equal to it on 8-bit-valued inputs.
/// </summary>
public static class TensorPsnr
{
    /// <summary>
    /// <c>10 log10(1 / MSE)</c> per image (the same number as peak 255 on the 0-255 scale), the MSE over the cropped
    /// channels, or over Y. Identical images give +infinity (and no useful gradient). Returns a tensor of shape [N];
    /// the inputs are not disposed.
    /// </summary>
    /// <param name="prediction">N x C x H x W, values in [0, 1].</param>
    /// <param name="target">Same shape and dtype.</param>
    /// <param name="cropBorder">Pixels removed from each border first.</param>
    /// <param name="channel">All channels, or the BT.601 luma (C must be 3).</param>
    /// <exception cref="ArgumentException">Shapes or dtypes differ, the crop leaves nothing, or Y is asked of a non-RGB tensor.</exception>
    public static Tensor Compute(Tensor prediction, Tensor target, int cropBorder = 0, QualityChannel channel = QualityChannel.Rgb)
    {
        TensorQualityInputs.Validate(prediction, target, cropBorder, channel, needsSsimWindow: false);
        using var scope = NewDisposeScope();
        Tensor x = TensorQualityInputs.Prepare(prediction, cropBorder, channel);
        Tensor y = TensorQualityInputs.Prepare(target, cropBorder, channel);
        Tensor mse = (x - y).square().mean([1, 2, 3]);
        return (mse.log10() * -10.0).MoveToOuterDisposeScope();
    }
}
