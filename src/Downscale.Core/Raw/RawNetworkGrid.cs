using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// How a fixed-ratio RAW network is fed and read on the protocol's grid, for any engine (TorchSharp's
/// <c>RawWaveletNet.Downscale</c>, ONNX Runtime's <c>RawOnnxDownscaler</c>): the network maps m packed input pixels to
/// n output pixels and takes sides that are multiples of 2^K·m. <see cref="Input"/> pads the packed LR size up to a
/// multiple of 2^K·n and samples the network input from the packed HR planes on the grid
/// (<see cref="RawDownscalePlan.InputTaps"/>); <see cref="Output"/> crops the network output to the LR size, clips it to
/// [0, 1] and returns the LR frame with the HR metadata and the LR fields filled in.
/// </summary>
/// <param name="Scale">The network's m/n.</param>
/// <param name="Levels">K: the network halves its input K times.</param>
public sealed record RawNetworkGrid(RationalScale Scale, int Levels)
{
    /// <summary>The packed input sides are multiples of this: 2^K·m.</summary>
    public int InputBlock => (1 << Levels) * Scale.Input;

    /// <summary>The packed output sides are multiples of this: 2^K·n.</summary>
    public int OutputBlock => (1 << Levels) * Scale.Output;

    /// <summary>The plan of downscaling an HR frame to <paramref name="lrMosaicSize"/> (the protocol's size when null) at this scale.</summary>
    /// <exception cref="ArgumentException">The sizes do not fit the scale (<see cref="RawDownscaleGeometry.Plan"/>).</exception>
    public RawDownscalePlan Plan(RawFrame hr, FrameSize? lrMosaicSize = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        return RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), lrMosaicSize, Scale);
    }

    /// <summary>The packed network input size for a plan: the packed LR size rounded up to 2^K·n, times m/n.</summary>
    /// <exception cref="ArgumentException">The plan is of another scale.</exception>
    public FrameSize InputSize(RawDownscalePlan plan)
    {
        RequireScale(plan);
        int block = OutputBlock;
        int rows = (plan.PackedLr.Height + block - 1) / block * block, columns = (plan.PackedLr.Width + block - 1) / block * block;
        return new FrameSize(rows / Scale.Output * Scale.Input, columns / Scale.Output * Scale.Input);
    }

    /// <summary>The packed network input (4 x <see cref="InputSize"/>) sampled from the packed HR planes of <paramref name="hr"/>.</summary>
    /// <exception cref="ArgumentException">The frame is not the plan's HR size, or the plan is of another scale.</exception>
    public PlanarImage Input(RawFrame hr, RawDownscalePlan plan)
    {
        ArgumentNullException.ThrowIfNull(hr);
        RequireScale(plan);
        if (hr.Height != plan.Hr.Height || hr.Width != plan.Hr.Width)
        {
            throw new ArgumentException($"The plan is for a {plan.Hr} mosaic, the frame is {hr.Height}x{hr.Width}.", nameof(hr));
        }

        var (vertical, horizontal) = plan.InputTaps(InputSize(plan));
        return AxisTaps.Apply(hr.Pack(), vertical, horizontal);
    }

    /// <summary>
    /// The LR frame from the network's packed output (4 x <see cref="InputSize"/>·n/m): cropped to the plan's LR size,
    /// clipped to [0, 1], unpacked in the HR pattern, with the HR metadata and <c>scale</c>, <c>lr_size</c>,
    /// <c>hr_region</c>, <c>scale_actual</c> filled in and no noise record.
    /// </summary>
    /// <exception cref="ArgumentException">The output is not 4 planes of the size the plan's input gives.</exception>
    public RawFrame Output(RawFrame hr, RawDownscalePlan plan, PlanarImage networkOutput)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(networkOutput);
        FrameSize input = InputSize(plan);
        var expected = new FrameSize(input.Height / Scale.Input * Scale.Output, input.Width / Scale.Input * Scale.Output);
        if (networkOutput.Channels != BayerPacking.PackedChannels || networkOutput.Height != expected.Height || networkOutput.Width != expected.Width)
        {
            throw new ArgumentException(
                $"The network output should be 4x{expected.Height}x{expected.Width} packed planes for this plan; it is {networkOutput}.", nameof(networkOutput));
        }

        PlanarImage packed = networkOutput.Crop(0, 0, plan.PackedLr.Height, plan.PackedLr.Width);
        return RawLrFrame.Create(hr, plan, BayerPacking.Unpack(packed, hr.Pattern));
    }

    private void RequireScale(RawDownscalePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Scale != Scale)
        {
            throw new ArgumentException($"The plan is for x{plan.Scale}, the network for x{Scale}.", nameof(plan));
        }
    }
}
