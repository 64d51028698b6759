using Downscale.Core.Raw;
using Downscale.Torch.Imaging;
using static TorchSharp.torch;

namespace Downscale.Torch.Models.RawWavelet;

/// <summary>Downscaling images of any size to the protocol's LR size and grid.</summary>
public sealed partial class RawWaveletNet
{
    /// <summary>
    /// Downscales packed HR planes (N x 4 x H x W, any even mosaic size 2H x 2W) to the LR mosaic size
    /// <paramref name="lrMosaicSize"/>, or to the protocol's size when null (<see cref="RawDownscaleGeometry.LrSize"/>),
    /// on the protocol's grid: LR pixel i is centred on HR <c>(i + 0.5)·R - 0.5</c> with R the exact region/LR ratio.
    /// </summary>
    /// <remarks>
    /// The model input is sampled from the HR planes at <c>(j + 0.5)·R·n/m - 0.5</c> (<see cref="RawDownscaleGeometry.InputAxis"/>)
    /// for j up to the output padded to a multiple of 2^K·n, which maps the model's own m/n grid onto the protocol's:
    /// a plain copy (plus replicated padding) when R is exactly m/n, Keys cubic interpolation by R·n/m (within 5% of 1)
    /// otherwise, e.g. 1.2973 / 1.3 for a published x1.3 pair. The padded output is cropped to the LR size.
    /// </remarks>
    /// <returns>The packed LR planes N x 4 x h/2 x w/2 (not clipped).</returns>
    /// <exception cref="ArgumentException">The input is not N x 4 x H x W floating point, or the LR size does not fit
    /// the model's scale (<see cref="RawDownscaleGeometry.Plan"/>).</exception>
    public Tensor Downscale(Tensor packedHr, FrameSize? lrMosaicSize = null)
    {
        ArgumentNullException.ThrowIfNull(packedHr);
        if (packedHr.dim() != 4 || packedHr.shape[1] != 4 || !packedHr.is_floating_point())
        {
            throw new ArgumentException(
                $"Downscale takes packed RGGB planes (N, 4, H, W) as floating point; the input is [{string.Join(", ", packedHr.shape)}] {packedHr.dtype}.",
                nameof(packedHr));
        }

        var hr = new FrameSize(checked((int)packedHr.shape[2] * 2), checked((int)packedHr.shape[3] * 2));
        RawDownscalePlan plan = RawDownscaleGeometry.Plan(hr, lrMosaicSize, Scale);
        FrameSize input = InputSize(plan);
        using var scope = NewDisposeScope();
        var (vertical, horizontal) = plan.InputTaps(input);
        Tensor output = forward(TensorTaps.Apply(packedHr, vertical, horizontal));
        return output.narrow(2, 0, plan.PackedLr.Height).narrow(3, 0, plan.PackedLr.Width).contiguous().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Downscales a RAW frame to <paramref name="lrMosaicSize"/> (or the protocol's size) without gradients; the result
    /// is clipped to [0, 1] and carries the HR metadata with the LR fields (<c>scale</c>, <c>lr_size</c>,
    /// <c>hr_region</c>, <c>scale_actual</c>) filled in and no noise record. The geometry (input sampling, padding,
    /// cropping, metadata) is <see cref="RawNetworkGrid"/>'s, shared with the ONNX Runtime scorer.
    /// </summary>
    /// <exception cref="ArgumentException">The LR size does not fit the model's scale.</exception>
    public RawFrame Downscale(RawFrame hr, FrameSize? lrMosaicSize = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        RawNetworkGrid grid = Grid;
        RawDownscalePlan plan = grid.Plan(hr, lrMosaicSize);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        Tensor input = grid.Input(hr, plan).ToTensor().to(parameters().First().device);
        return grid.Output(hr, plan, forward(input).cpu().ToPlanarImage());
    }

    /// <summary>The geometry of feeding this network on the protocol's grid (scale m/n, K levels).</summary>
    public RawNetworkGrid Grid => new(Scale, Options.Levels);

    /// <summary>The model input size (packed) that <see cref="Downscale(Tensor, FrameSize?)"/> builds for a plan: the packed LR size rounded up to 2^K·n, times m/n.</summary>
    public FrameSize InputSize(RawDownscalePlan plan) => Grid.InputSize(plan);
}
