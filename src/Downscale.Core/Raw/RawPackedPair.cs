using Downscale.Core.Data;
using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// A pairs-v1 RAW pair decoded and packed (4 planes [R, G1, G2, B]) with its geometry, for training: crops whose model
/// input is sampled on the protocol's grid (<see cref="RawDownscaleGeometry.InputAxis"/>), so that a fixed-ratio m/n
/// model sees the same geometry in training as <c>Downscale</c> gives it at inference.
/// </summary>
public sealed class RawPackedPair
{
    private RawPackedPair(string name, PlanarImage hr, PlanarImage lr, RawDownscalePlan plan)
    {
        Name = name;
        Hr = hr;
        Lr = lr;
        Plan = plan;
    }

    /// <summary>The pair's name.</summary>
    public string Name { get; }

    /// <summary>The packed HR planes (4 x H/2 x W/2).</summary>
    public PlanarImage Hr { get; }

    /// <summary>The packed LR planes (4 x h/2 x w/2).</summary>
    public PlanarImage Lr { get; }

    /// <summary>Sizes, region and exact ratios.</summary>
    public RawDownscalePlan Plan { get; }

    /// <summary>Reads both frames, checks them against each other and the rounding rule, and packs them.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is unreadable, the CFA patterns differ, or the sizes do not follow the protocol.</exception>
    /// <exception cref="ArgumentException">The LR size does not fit <paramref name="scale"/>.</exception>
    public static RawPackedPair Load(RawImagePair pair, RationalScale scale)
    {
        ArgumentNullException.ThrowIfNull(pair);
        RawFrame hr = RawProtocolFile.Read(pair.HrPath);
        RawFrame lr = RawProtocolFile.Read(pair.LrPath);
        return FromFrames(pair.Name, hr, lr, scale);
    }

    /// <summary>A pair from frames already in memory.</summary>
    /// <exception cref="InvalidDataException">The CFA patterns differ, or the sizes do not follow the protocol.</exception>
    public static RawPackedPair FromFrames(string name, RawFrame hr, RawFrame lr, RationalScale scale)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(lr);
        if (hr.Pattern != lr.Pattern)
        {
            throw new InvalidDataException($"'{name}': the HR mosaic is {hr.Pattern.ToName()} but the LR mosaic is {lr.Pattern.ToName()}.");
        }

        RawDownscalePlan plan = RawEvaluation.PlanOf(name, hr, lr, scale);
        return new RawPackedPair(name, hr.Pack(), lr.Pack(), plan);
    }

    /// <summary>
    /// The model input and the LR target of the packed LR crop (<paramref name="lrTop"/>, <paramref name="lrLeft"/>,
    /// <paramref name="lrHeight"/> x <paramref name="lrWidth"/>): the input has <c>lr·m/n</c> packed pixels per side and
    /// is sampled from the HR planes so that model output pixel a lands on LR pixel <c>lrTop + a</c> (a plain copy at
    /// integer scales).
    /// </summary>
    /// <exception cref="ArgumentException">A crop side is not a multiple of n, or the crop leaves the LR image.</exception>
    public (PlanarImage Input, PlanarImage Target) Crop(int lrTop, int lrLeft, int lrHeight, int lrWidth)
    {
        RationalScale scale = Plan.Scale;
        if (lrHeight % scale.Output != 0 || lrWidth % scale.Output != 0)
        {
            throw new ArgumentException($"A crop of a x{scale} model must have sides that are multiples of {scale.Output}; got {lrHeight}x{lrWidth}.", nameof(lrHeight));
        }

        if (lrTop < 0 || lrLeft < 0 || lrTop + lrHeight > Lr.Height || lrLeft + lrWidth > Lr.Width)
        {
            throw new ArgumentException(
                $"'{Name}': an LR crop of {lrHeight}x{lrWidth} at ({lrTop}, {lrLeft}) leaves the packed LR image of {Lr.Height}x{Lr.Width}.", nameof(lrTop));
        }

        var input = new FrameSize(lrHeight / scale.Output * scale.Input, lrWidth / scale.Output * scale.Input);
        var (vertical, horizontal) = Plan.InputTaps(input, lrTop, lrLeft);
        return (AxisTaps.Apply(Hr, vertical, horizontal), Lr.Crop(lrTop, lrLeft, lrHeight, lrWidth));
    }

    /// <summary>
    /// A packed image transposed as its mosaic would be: each plane transposed and G1, G2 swapped (a transposed RGGB
    /// mosaic is RGGB again). The only flip or transpose that keeps the CFA phase of an RGGB mosaic, so the only RAW
    /// training augmentation that needs no crop.
    /// </summary>
    /// <exception cref="ArgumentException">Not 4 planes.</exception>
    public static PlanarImage Transpose(PlanarImage packed)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.Channels != BayerPacking.PackedChannels)
        {
            throw new ArgumentException($"A packed mosaic has 4 planes, got {packed.Channels}.", nameof(packed));
        }

        PlanarImage transposed = Augment.Apply(packed, AugmentKind.Transpose);
        var result = new PlanarImage(4, transposed.Height, transposed.Width);
        int[] source = [0, 2, 1, 3];
        for (int plane = 0; plane < 4; plane++)
        {
            transposed.Plane(source[plane]).CopyTo(result.Plane(plane));
        }

        return result;
    }
}
