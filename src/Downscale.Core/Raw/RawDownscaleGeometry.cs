namespace Downscale.Core.Raw;

/// <summary>
/// Output sizes and sampling grids of RAW downscaling, as the pairs-v1 <c>raw</c> protocol defines them
/// (<c>data/README.md</c>), for any <see cref="RationalScale"/>. Sizes are of the Bayer mosaic (even).
/// </summary>
/// <remarks>
/// <para><b>Rounding rule.</b> For an integer scale s the LR side is <c>floor(H / s)</c> rounded down to even and covers
/// the HR rows <c>[0, s·h)</c> (the protocol's <c>hr_region</c>); for any other scale it is <c>2·round(H / 2s)</c>
/// (nearest even, ties to even as numpy rounds) and covers the whole frame.</para>
/// <para><b>Grid.</b> LR pixel i is centred on HR coordinate <c>(i + 0.5)·R - 0.5</c> with <c>R = region / h</c> per axis,
/// the exact ratio of the pair (<c>scale_actual</c>), not the nominal m/n.</para>
/// </remarks>
public static class RawDownscaleGeometry
{
    /// <summary>How far an explicit LR size may stretch the ratio away from the nominal scale (5%).</summary>
    public const double MaxRatioDeviation = 0.05;

    /// <summary>The protocol's LR mosaic size for an HR mosaic of <paramref name="hr"/> at <paramref name="scale"/>.</summary>
    /// <exception cref="ArgumentException">The HR size is odd, or the LR would be empty.</exception>
    public static FrameSize LrSize(FrameSize hr, RationalScale scale)
    {
        RequireMosaic(hr, nameof(hr));
        var lr = new FrameSize(LrSide(hr.Height, scale), LrSide(hr.Width, scale));
        if (lr.Height < 2 || lr.Width < 2)
        {
            throw new ArgumentException($"A {hr} mosaic is too small to downscale by {scale}: the LR would be {lr}.", nameof(hr));
        }

        return lr;
    }

    /// <summary>
    /// The HR extent the LR covers: <c>s·lr</c> for an integer scale when that leaves fewer than 2s HR rows (columns)
    /// uncovered (the protocol's odd <c>HR/s</c> case), otherwise the whole frame.
    /// </summary>
    public static FrameSize HrRegion(FrameSize hr, FrameSize lr, RationalScale scale) =>
        new(RegionSide(hr.Height, lr.Height, scale), RegionSide(hr.Width, lr.Width, scale));

    /// <summary>
    /// The full geometry of downscaling an HR mosaic to <paramref name="lr"/> (or the protocol's size when null).
    /// </summary>
    /// <exception cref="ArgumentException">A size is odd or empty, the LR is not smaller than the HR, or its ratio
    /// departs more than <see cref="MaxRatioDeviation"/> from <paramref name="scale"/> (the model cannot fit it).</exception>
    public static RawDownscalePlan Plan(FrameSize hr, FrameSize? lr, RationalScale scale)
    {
        RequireMosaic(hr, nameof(hr));
        FrameSize target = lr ?? LrSize(hr, scale);
        RequireMosaic(target, nameof(lr));
        FrameSize region = HrRegion(hr, target, scale);
        CheckRatio(region.Height, target.Height, scale, "height");
        CheckRatio(region.Width, target.Width, scale, "width");
        return new RawDownscalePlan(hr, target, region, scale);
    }

    /// <summary>
    /// The taps that sample a model input along one packed axis: input sample j of a model that maps m samples to n
    /// sits at packed HR coordinate <c>lrStart·R + (j + 0.5)·ρ - 0.5</c>, with <c>R = region / lr</c> and
    /// <c>ρ = R·n/m</c>, so that model output a lands on LR pixel <c>lrStart + a</c> of the protocol's grid. When the
    /// ratio is exactly m/n (ρ = 1, integer start) the taps are plain copies; otherwise Keys cubic interpolation
    /// (replicated borders) resamples by ρ, which is within 5% of 1.
    /// </summary>
    /// <param name="hrLength">Packed HR samples along the axis (the whole frame: taps may read beyond the region).</param>
    /// <param name="regionLength">Packed HR samples the LR covers.</param>
    /// <param name="lrLength">Packed LR samples of the whole LR image.</param>
    /// <param name="scale">The model's m/n.</param>
    /// <param name="lrStart">First packed LR sample of the crop.</param>
    /// <param name="inputLength">Model input samples to produce (a multiple of m).</param>
    public static AxisTaps InputAxis(int hrLength, int regionLength, int lrLength, RationalScale scale, int lrStart, int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(regionLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lrLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(lrStart);
        long numerator = (long)regionLength * scale.Output, denominator = (long)lrLength * scale.Input;
        double step = numerator == denominator ? 1.0 : (double)numerator / denominator;
        double offset = (long)lrStart * regionLength % lrLength == 0
            ? (long)lrStart * regionLength / lrLength
            : (double)lrStart * regionLength / lrLength;
        return AxisTaps.CubicAt(hrLength, offset, step, inputLength);
    }

    private static int LrSide(int hr, RationalScale scale)
    {
        if (scale.IsInteger)
        {
            int side = hr / scale.Input;
            return side - (side & 1);
        }

        // 2·round(H·n / 2m), ties to even, in integers.
        long numerator = (long)hr * scale.Output, denominator = 2L * scale.Input;
        long quotient = numerator / denominator, twice = 2 * (numerator % denominator);
        if (twice > denominator || (twice == denominator && (quotient & 1) == 1))
        {
            quotient++;
        }

        return checked((int)(2 * quotient));
    }

    private static int RegionSide(int hr, int lr, RationalScale scale)
    {
        if (scale.IsInteger)
        {
            long covered = (long)lr * scale.Input;
            if (covered <= hr && hr - covered < 2L * scale.Input)
            {
                return (int)covered;
            }
        }

        return hr;
    }

    private static void CheckRatio(int region, int lr, RationalScale scale, string axis)
    {
        double ratio = (double)region / lr;
        if (lr >= region || Math.Abs((ratio / scale.Factor) - 1) > MaxRatioDeviation)
        {
            throw new ArgumentException(
                $"An LR {axis} of {lr} from {region} HR pixels is a ratio of {ratio:0.####}, which a x{scale} model cannot produce " +
                $"(it must be within {MaxRatioDeviation:P0} of {scale.Factor:0.####}); ask for about {region / scale.Factor:0} pixels or use a model of another scale.",
                nameof(lr));
        }
    }

    private static void RequireMosaic(FrameSize size, string parameter)
    {
        if (size.Height < 2 || size.Width < 2 || (size.Height & 1) != 0 || (size.Width & 1) != 0)
        {
            throw new ArgumentException($"Bayer mosaics have an even, positive height and width; got {size}.", parameter);
        }
    }
}

/// <summary>How one HR mosaic is downscaled: sizes (mosaic pixels), the HR region the LR covers and the exact ratios.</summary>
/// <param name="Hr">The HR mosaic size.</param>
/// <param name="Lr">The LR mosaic size.</param>
/// <param name="Region">The HR extent the LR covers (top-left anchored).</param>
/// <param name="Scale">The nominal scale.</param>
public sealed record RawDownscalePlan(FrameSize Hr, FrameSize Lr, FrameSize Region, RationalScale Scale)
{
    /// <summary>Region / LR per axis: the pair's <c>scale_actual</c>.</summary>
    public FrameScale Ratio => new((double)Region.Height / Lr.Height, (double)Region.Width / Lr.Width);

    /// <summary>The packed (4-plane) HR size.</summary>
    public FrameSize PackedHr => new(Hr.Height / 2, Hr.Width / 2);

    /// <summary>The packed LR size.</summary>
    public FrameSize PackedLr => new(Lr.Height / 2, Lr.Width / 2);

    /// <summary>The packed HR region.</summary>
    public FrameSize PackedRegion => new(Region.Height / 2, Region.Width / 2);

    /// <summary>
    /// The taps that sample a model input of <paramref name="inputSize"/> packed pixels whose output's top-left pixel is
    /// packed LR pixel (<paramref name="lrTop"/>, <paramref name="lrLeft"/>) (see <see cref="RawDownscaleGeometry.InputAxis"/>).
    /// </summary>
    public (AxisTaps Vertical, AxisTaps Horizontal) InputTaps(FrameSize inputSize, int lrTop = 0, int lrLeft = 0) =>
        (RawDownscaleGeometry.InputAxis(PackedHr.Height, PackedRegion.Height, PackedLr.Height, Scale, lrTop, inputSize.Height),
         RawDownscaleGeometry.InputAxis(PackedHr.Width, PackedRegion.Width, PackedLr.Width, Scale, lrLeft, inputSize.Width));
}
