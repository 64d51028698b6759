using System.Numerics.Tensors;
using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>Wraps a downscaled mosaic as an LR <see cref="RawFrame"/> with the protocol's LR metadata.</summary>
public static class RawLrFrame
{
    /// <summary>
    /// The LR frame of <paramref name="hr"/> downscaled by <paramref name="plan"/>: the mosaic clipped to [0, 1], the HR
    /// metadata with the LR fields (<c>scale</c>, <c>lr_size</c>, <c>hr_region</c>, <c>scale_actual</c>, kind "lr")
    /// filled in and no noise record, so that <see cref="RawProtocolFile.Write"/> writes a file that reads back as a
    /// protocol LR file.
    /// </summary>
    /// <exception cref="ArgumentException">The mosaic is not 1 x the plan's LR size.</exception>
    public static RawFrame Create(RawFrame hr, RawDownscalePlan plan, PlanarImage lrMosaic)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(lrMosaic);
        if (lrMosaic.Channels != 1 || lrMosaic.Height != plan.Lr.Height || lrMosaic.Width != plan.Lr.Width)
        {
            throw new ArgumentException($"The LR mosaic is {lrMosaic}, but the plan's LR size is 1x{plan.Lr.Height}x{plan.Lr.Width}.", nameof(lrMosaic));
        }

        var clipped = new PlanarImage(1, lrMosaic.Height, lrMosaic.Width);
        TensorPrimitives.Clamp(lrMosaic.Data.Span, 0f, 1f, clipped.Data.Span);

        RawMetadata metadata = hr.Metadata with
        {
            Scale = plan.Scale.Factor,
            HrSize = plan.Hr,
            LrSize = plan.Lr,
            HrRegion = plan.Region,
            ScaleActual = plan.Ratio,
            Kind = "lr",
            Noise = null,
        };
        return new RawFrame(clipped, hr.Pattern, metadata);
    }
}
