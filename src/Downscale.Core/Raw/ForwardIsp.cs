using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// The fixed forward ISP of the raw protocol, used to view and score RAW frames in sRGB:
/// bilinear demosaic (<see cref="BilinearDemosaic"/>) → white balance → clip [0, 1] → <c>cam2rgb</c> → clip [0, 1]
/// → sRGB OETF → smoothstep tone curve <c>3y² − 2y³</c> → <c>floor(255y + 0.5)</c>.
/// </summary>
/// <remarks>
/// The result is a 3 x H x W image whose values are exact 8-bit levels k/255, so <see cref="ImageFile.WritePng"/>
/// and the metrics see the same uint8 image the Python reference produces. Per-pixel colour math runs in float64.
/// </remarks>
public static class ForwardIsp
{
    /// <summary>Develops a frame with its own white balance and <c>cam2rgb</c>.</summary>
    public static PlanarImage Develop(RawFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Develop(frame.Mosaic, frame.Pattern, frame.Metadata.WhiteBalance, frame.Metadata.CamToRgb);
    }

    /// <summary>Develops a normalised mosaic (1 x H x W, black 0, white 1).</summary>
    /// <param name="mosaic">The mosaic.</param>
    /// <param name="pattern">Its CFA pattern.</param>
    /// <param name="gains">White-balance gains applied to camera RGB.</param>
    /// <param name="camToRgb">Camera RGB to linear sRGB.</param>
    /// <returns>3 x H x W sRGB with values k/255.</returns>
    public static PlanarImage Develop(PlanarImage mosaic, CfaPattern pattern, WhiteBalanceGains gains, ColorMatrix3x3 camToRgb)
    {
        ArgumentNullException.ThrowIfNull(camToRgb);
        gains.Validate();
        PlanarImage rgb = BilinearDemosaic.Demosaic(mosaic, pattern);
        DevelopInPlace(rgb, gains, camToRgb);
        return rgb;
    }

    /// <summary>
    /// Runs the ISP steps after the demosaic (white balance to 8-bit quantisation) on full camera RGB, e.g. an
    /// unprocessed scene from <see cref="RawUnprocessing.ToCameraScene"/>.
    /// </summary>
    /// <param name="cameraRgb">3 x H x W camera RGB, black 0 and white 1; not modified.</param>
    /// <param name="gains">White-balance gains.</param>
    /// <param name="camToRgb">Camera RGB to linear sRGB.</param>
    /// <returns>3 x H x W sRGB with values k/255.</returns>
    /// <exception cref="ArgumentException">Not 3 channels, or invalid gains.</exception>
    public static PlanarImage DevelopCameraRgb(PlanarImage cameraRgb, WhiteBalanceGains gains, ColorMatrix3x3 camToRgb)
    {
        ArgumentNullException.ThrowIfNull(cameraRgb);
        ArgumentNullException.ThrowIfNull(camToRgb);
        if (cameraRgb.Channels != 3)
        {
            throw new ArgumentException($"Camera RGB has 3 channels, got {cameraRgb.Channels}.", nameof(cameraRgb));
        }

        gains.Validate();
        PlanarImage rgb = cameraRgb.Clone();
        DevelopInPlace(rgb, gains, camToRgb);
        return rgb;
    }

    private static void DevelopInPlace(PlanarImage rgb, WhiteBalanceGains gains, ColorMatrix3x3 camToRgb)
    {
        double[] matrix = new double[9];
        camToRgb.CopyTo(matrix);
        Parallel.For(0, rgb.Height, y => DevelopRow(rgb, y, gains, matrix));
    }

    private static void DevelopRow(PlanarImage image, int y, WhiteBalanceGains gains, double[] m)
    {
        Span<float> r = image.Row(0, y);
        Span<float> g = image.Row(1, y);
        Span<float> b = image.Row(2, y);
        for (int x = 0; x < r.Length; x++)
        {
            double cr = Math.Clamp(r[x] * gains.Red, 0, 1);
            double cg = Math.Clamp(g[x] * gains.Green, 0, 1);
            double cb = Math.Clamp(b[x] * gains.Blue, 0, 1);
            r[x] = ToLevel((m[0] * cr) + (m[1] * cg) + (m[2] * cb));
            g[x] = ToLevel((m[3] * cr) + (m[4] * cg) + (m[5] * cb));
            b[x] = ToLevel((m[6] * cr) + (m[7] * cg) + (m[8] * cb));
        }
    }

    /// <summary>Clip, OETF, tone curve and 8-bit quantisation of one linear value; returns k/255.</summary>
    private static float ToLevel(double linear)
    {
        double y = SrgbTransfer.ToneCurve(SrgbTransfer.Encode(Math.Clamp(linear, 0, 1)));
        return (float)(Math.Floor((255 * y) + 0.5) / 255);
    }
}
