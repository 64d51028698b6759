using Downscale.Core.Imaging;

namespace Downscale.Core.Wavelets;

/// <summary>
/// One level of the 2D Haar discrete wavelet transform and its exact inverse on planar images (each channel
/// independently). Conventions are on <see cref="HaarSubbands"/>; the TorchSharp twin is
/// <c>Downscale.Torch.Wavelets.HaarWavelet</c>.
/// </summary>
public static class HaarTransform
{
    /// <summary>Splits a C x H x W image (H, W even) into A, V, H, D sub-bands of C x H/2 x W/2.</summary>
    /// <exception cref="ArgumentException">An odd height or width.</exception>
    public static HaarSubbands Forward(PlanarImage image, HaarNormalization normalization = HaarNormalization.Orthonormal)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((image.Height & 1) != 0 || (image.Width & 1) != 0)
        {
            throw new ArgumentException(
                $"The Haar transform needs an even height and width, got {image.Height}x{image.Width}; pad or crop first.", nameof(image));
        }

        float f = ForwardScale(normalization);
        int channels = image.Channels, h = image.Height / 2, w = image.Width / 2;
        var a = new PlanarImage(channels, h, w);
        var v = new PlanarImage(channels, h, w);
        var hh = new PlanarImage(channels, h, w);
        var d = new PlanarImage(channels, h, w);
        Parallel.For(0, channels * h, row =>
        {
            int c = row / h, y = row % h;
            ReadOnlySpan<float> top = image.Row(c, 2 * y);
            ReadOnlySpan<float> bottom = image.Row(c, (2 * y) + 1);
            Span<float> ra = a.Row(c, y), rv = v.Row(c, y), rh = hh.Row(c, y), rd = d.Row(c, y);
            for (int x = 0; x < w; x++)
            {
                float p00 = top[2 * x], p01 = top[(2 * x) + 1], p10 = bottom[2 * x], p11 = bottom[(2 * x) + 1];
                ra[x] = f * ((p00 + p01) + (p10 + p11));
                rv[x] = f * ((p00 - p01) + (p10 - p11));
                rh[x] = f * ((p00 + p01) - (p10 + p11));
                rd[x] = f * ((p00 - p01) - (p10 - p11));
            }
        });
        return new HaarSubbands(a, v, hh, d, normalization);
    }

    /// <summary>Rebuilds the C x 2h x 2w image from its sub-bands (exact up to float rounding).</summary>
    /// <exception cref="ArgumentException">The four sub-bands differ in shape.</exception>
    public static PlanarImage Inverse(HaarSubbands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        PlanarImage a = bands.Approximation, v = bands.Vertical, hh = bands.Horizontal, d = bands.Diagonal;
        if (!a.SameShape(v) || !a.SameShape(hh) || !a.SameShape(d))
        {
            throw new ArgumentException($"Haar sub-bands must share one shape, got A {a}, V {v}, H {hh}, D {d}.", nameof(bands));
        }

        float g = 1 / (4 * ForwardScale(bands.Normalization));
        int h = a.Height, w = a.Width;
        var image = new PlanarImage(a.Channels, 2 * h, 2 * w);
        Parallel.For(0, a.Channels * h, row =>
        {
            int c = row / h, y = row % h;
            ReadOnlySpan<float> ra = a.Row(c, y), rv = v.Row(c, y), rh = hh.Row(c, y), rd = d.Row(c, y);
            Span<float> top = image.Row(c, 2 * y);
            Span<float> bottom = image.Row(c, (2 * y) + 1);
            for (int x = 0; x < w; x++)
            {
                float sa = ra[x], sv = rv[x], sh = rh[x], sd = rd[x];
                top[2 * x] = g * ((sa + sh) + (sv + sd));
                top[(2 * x) + 1] = g * ((sa + sh) - (sv + sd));
                bottom[2 * x] = g * ((sa - sh) + (sv - sd));
                bottom[(2 * x) + 1] = g * ((sa - sh) - (sv - sd));
            }
        });
        return image;
    }

    /// <summary>The factor each ±1 block sum is multiplied by in the forward transform.</summary>
    public static float ForwardScale(HaarNormalization normalization) => normalization switch
    {
        HaarNormalization.Orthonormal => 0.5f,
        HaarNormalization.Average => 0.25f,
        _ => throw new ArgumentOutOfRangeException(nameof(normalization), normalization, "Unknown Haar normalisation."),
    };
}
