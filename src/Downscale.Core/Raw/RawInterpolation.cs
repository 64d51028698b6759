using Downscale.Core.Data;
using Downscale.Core.Imaging;
using Downscale.Core.Resampling;

namespace Downscale.Core.Raw;

/// <summary>Where a classic resampler runs when it downscales a Bayer mosaic.</summary>
public enum RawInterpolationDomain
{
    /// <summary>
    /// Each plane of the packed mosaic (R, G1, G2, B; half the mosaic's size) is resized on its own and the result is
    /// unpacked: the literal "RAW-domain interpolation" of the paper's Table 2. Each packed plane's grid is centred on
    /// the 2x2 block, so every colour sits a quarter of an LR block away from its true site.
    /// </summary>
    PackedPlanes,

    /// <summary>
    /// The fixed ISP's bilinear demosaic (<see cref="BilinearDemosaic"/>) gives full camera RGB, which is resized on the
    /// protocol's mosaic grid and sampled back through the CFA: every colour lands on its own LR site. The stronger
    /// RAW-domain baseline (it reproduces the numbers of issue 14's table).
    /// </summary>
    Demosaicked,
}

/// <summary>
/// Classic RAW-domain downscaling baselines: nearest, bilinear, bicubic, area, ... of a <see cref="RawFrame"/> to the
/// protocol's LR size (<see cref="RawDownscaleGeometry"/>), over the HR region the LR covers.
/// </summary>
public static class RawInterpolation
{
    /// <summary>The LR mosaic (1 x h x w, same CFA pattern as <paramref name="hr"/>), values not clipped.</summary>
    /// <param name="hr">The HR frame.</param>
    /// <param name="plan">Sizes and region (<see cref="RawDownscaleGeometry.Plan"/>).</param>
    /// <param name="method">The resampler (not DPID).</param>
    /// <param name="domain">Packed planes or demosaicked camera RGB.</param>
    /// <param name="options">The resampler's convention; PIL's (antialiased) when null.</param>
    /// <exception cref="ArgumentException">The plan is for another HR size, or the method is DPID.</exception>
    public static PlanarImage Downscale(RawFrame hr, RawDownscalePlan plan, ResampleMethod method, RawInterpolationDomain domain, ResampleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Hr != new FrameSize(hr.Height, hr.Width))
        {
            throw new ArgumentException($"The plan is for a {plan.Hr} mosaic, but the frame is {hr.Height}x{hr.Width}.", nameof(plan));
        }

        if (method == ResampleMethod.Dpid)
        {
            throw new ArgumentException("DPID is not a RAW-domain baseline: it weights pixels by colour distance, which a mosaic does not have.", nameof(method));
        }

        PlanarImage region = hr.Mosaic.Crop(0, 0, plan.Region.Height, plan.Region.Width);
        options ??= ResampleOptions.Default;
        if (domain == RawInterpolationDomain.PackedPlanes)
        {
            PlanarImage packed = BayerPacking.Pack(region, hr.Pattern);
            PlanarImage resized = Resampler.Resize(packed, plan.PackedLr.Width, plan.PackedLr.Height, method, options);
            return BayerPacking.Unpack(resized, hr.Pattern);
        }

        if (domain != RawInterpolationDomain.Demosaicked)
        {
            throw new ArgumentOutOfRangeException(nameof(domain), domain, "Use PackedPlanes or Demosaicked.");
        }

        PlanarImage rgb = BilinearDemosaic.Demosaic(region, hr.Pattern);
        return BayerMosaic.FromRgb(Resampler.Resize(rgb, plan.Lr.Width, plan.Lr.Height, method, options), hr.Pattern);
    }

    /// <summary>Downscales to the protocol's LR size for <paramref name="scale"/> (or <paramref name="lr"/>).</summary>
    public static PlanarImage Downscale(RawFrame hr, RationalScale scale, ResampleMethod method, RawInterpolationDomain domain, ResampleOptions? options = null, FrameSize? lr = null)
    {
        ArgumentNullException.ThrowIfNull(hr);
        return Downscale(hr, RawDownscaleGeometry.Plan(new FrameSize(hr.Height, hr.Width), lr, scale), method, domain, options);
    }
}
