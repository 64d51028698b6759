using Downscale.Core.Imaging;

namespace Downscale.Core.Raw;

/// <summary>
/// The raw protocol's "unprocessing" of an sRGB image to a camera RAW scene (after Brooks et al. 2019), the inverse
/// of <see cref="ForwardIsp"/> up to mosaicking and clipping:
/// inverse smoothstep → sRGB EOTF → <c>rgb2cam</c> → inverse white balance → clip [0, 1].
/// </summary>
public static class RawUnprocessing
{
    /// <summary>Unprocesses sRGB (3 x H x W in [0, 1]) to the linear camera-RGB scene (3 x H x W in [0, 1]).</summary>
    /// <param name="srgb">The sRGB image (e.g. an 8-bit HR image read as k/255).</param>
    /// <param name="gains">White-balance gains; each channel is divided by its gain.</param>
    /// <param name="rgbToCam">Linear sRGB to camera RGB (rows normalised to sum 1).</param>
    /// <exception cref="ArgumentException">Not 3 channels, or invalid gains.</exception>
    public static PlanarImage ToCameraScene(PlanarImage srgb, WhiteBalanceGains gains, ColorMatrix3x3 rgbToCam)
    {
        ArgumentNullException.ThrowIfNull(srgb);
        ArgumentNullException.ThrowIfNull(rgbToCam);
        if (srgb.Channels != 3)
        {
            throw new ArgumentException($"Unprocessing needs a 3-channel sRGB image, got {srgb.Channels} channels.", nameof(srgb));
        }

        gains.Validate();
        double[] m = new double[9];
        rgbToCam.CopyTo(m);
        var scene = new PlanarImage(3, srgb.Height, srgb.Width);
        Parallel.For(0, srgb.Height, y =>
        {
            ReadOnlySpan<float> sr = srgb.Row(0, y);
            ReadOnlySpan<float> sg = srgb.Row(1, y);
            ReadOnlySpan<float> sb = srgb.Row(2, y);
            Span<float> cr = scene.Row(0, y);
            Span<float> cg = scene.Row(1, y);
            Span<float> cb = scene.Row(2, y);
            for (int x = 0; x < sr.Length; x++)
            {
                double r = ToLinear(sr[x]);
                double g = ToLinear(sg[x]);
                double b = ToLinear(sb[x]);
                cr[x] = (float)Math.Clamp(((m[0] * r) + (m[1] * g) + (m[2] * b)) / gains.Red, 0, 1);
                cg[x] = (float)Math.Clamp(((m[3] * r) + (m[4] * g) + (m[5] * b)) / gains.Green, 0, 1);
                cb[x] = (float)Math.Clamp(((m[6] * r) + (m[7] * g) + (m[8] * b)) / gains.Blue, 0, 1);
            }
        });
        return scene;
    }

    /// <summary>
    /// Unprocesses sRGB and samples it through the CFA: the HR RAW frame of the raw protocol (no noise).
    /// Uses <paramref name="metadata"/>'s white balance and <c>rgb2cam</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The metadata has no <see cref="RawMetadata.RgbToCam"/>, or the image size is odd.</exception>
    public static RawFrame ToRawFrame(PlanarImage srgb, RawMetadata metadata, CfaPattern pattern = CfaPattern.Rggb)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ColorMatrix3x3 rgbToCam = metadata.RgbToCam
            ?? throw new ArgumentException("Unprocessing needs the metadata's rgb2cam matrix (RgbToCam).", nameof(metadata));
        PlanarImage scene = ToCameraScene(srgb, metadata.WhiteBalance, rgbToCam);
        return new RawFrame(BayerMosaic.FromRgb(scene, pattern), pattern, metadata);
    }

    private static double ToLinear(float encoded) =>
        SrgbTransfer.Decode(SrgbTransfer.InverseToneCurve(Math.Clamp((double)encoded, 0, 1)));
}
