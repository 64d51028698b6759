using System.Numerics.Tensors;
using Downscale.Core.Imaging;

namespace Downscale.Core.Color;

/// <summary>
/// BT.601 studio-swing YCbCr as MATLAB's <c>rgb2ycbcr</c> (and BasicSR's <c>rgb2ycbcr</c>) define it: with R, G, B in
/// [0, 1], <c>Y = 16 + 65.481 R + 128.553 G + 24.966 B</c>, <c>Cb = 128 - 37.797 R - 74.203 G + 112 B</c>,
/// <c>Cr = 128 + 112 R - 93.786 G - 18.214 B</c> on the 0-255 scale (Y in [16, 235], Cb and Cr in [16, 240]).
/// </summary>
/// <remarks>
/// <see cref="PlanarImage"/> conversions keep the [0, 1] convention of the image type: they return Y/255, Cb/255 and
/// Cr/255 and expect those on the way back. Nothing is rounded or clamped; the inverse is the exact inverse of the
/// forward matrix (computed in float64), not MATLAB's four-digit <c>ycbcr2rgb</c> table.
/// </remarks>
public static class YCbCr
{
    /// <summary>Weight of R in Y on the 0-255 scale (MATLAB <c>rgb2ycbcr</c>).</summary>
    public const double LumaRed = 65.481;

    /// <summary>Weight of G in Y on the 0-255 scale.</summary>
    public const double LumaGreen = 128.553;

    /// <summary>Weight of B in Y on the 0-255 scale.</summary>
    public const double LumaBlue = 24.966;

    /// <summary>Offset of Y on the 0-255 scale (black is 16).</summary>
    public const double LumaOffset = 16.0;

    // Rows: Y, Cb, Cr; columns: R, G, B (inputs in [0, 1], outputs on the 0-255 scale).
    private static readonly double[,] Forward =
    {
        { LumaRed, LumaGreen, LumaBlue },
        { -37.797, -74.203, 112.0 },
        { 112.0, -93.786, -18.214 },
    };

    private static readonly double[] Offsets = [LumaOffset, 128.0, 128.0];

    private static readonly double[,] Inverse = Invert(Forward);

    /// <summary>
    /// Luma of 8-bit-scale planes: <c>y = 16 + (65.481 r + 128.553 g + 24.966 b) / 255</c> with r, g, b in [0, 255]
    /// (MATLAB <c>rgb2ycbcr</c> on <c>rgb / 255</c>), written to <paramref name="y"/> on the 0-255 scale, unrounded.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void LumaFrom8BitScale(ReadOnlySpan<double> r, ReadOnlySpan<double> g, ReadOnlySpan<double> b, Span<double> y)
    {
        if (g.Length != r.Length || b.Length != r.Length || y.Length != r.Length)
        {
            throw new ArgumentException(
                $"R, G, B and Y need the same length, got {r.Length}, {g.Length}, {b.Length} and {y.Length}.", nameof(y));
        }

        // y = 16 + r*(65.481/255) + g*(128.553/255) + b*(24.966/255), vectorised in three passes.
        TensorPrimitives.Multiply(r, LumaRed / 255.0, y);
        TensorPrimitives.Add(y, LumaOffset, y);
        TensorPrimitives.MultiplyAdd(g, LumaGreen / 255.0, y, y);
        TensorPrimitives.MultiplyAdd(b, LumaBlue / 255.0, y, y);
    }

    /// <summary>The luma plane (Y/255, so black is 16/255 and white 235/255) of an RGB image in [0, 1].</summary>
    /// <exception cref="ArgumentException">The image does not have exactly 3 channels.</exception>
    public static PlanarImage LumaFromRgb(PlanarImage rgb)
    {
        RequireThreeChannels(rgb, "an RGB image");
        var luma = new PlanarImage(1, rgb.Height, rgb.Width);
        Span<float> y = luma.Plane(0);
        TensorPrimitives.Multiply(rgb.Plane(0), (float)(LumaRed / 255.0), y);
        TensorPrimitives.Add(y, (float)(LumaOffset / 255.0), y);
        TensorPrimitives.MultiplyAdd(rgb.Plane(1), (float)(LumaGreen / 255.0), y, y);
        TensorPrimitives.MultiplyAdd(rgb.Plane(2), (float)(LumaBlue / 255.0), y, y);
        return luma;
    }

    /// <summary>Converts an RGB image in [0, 1] to Y, Cb, Cr planes divided by 255.</summary>
    /// <exception cref="ArgumentException">The image does not have exactly 3 channels.</exception>
    public static PlanarImage FromRgb(PlanarImage rgb)
    {
        RequireThreeChannels(rgb, "an RGB image");
        var result = new PlanarImage(3, rgb.Height, rgb.Width);
        Apply(rgb, result, Forward, inputOffsets: [0, 0, 0], outputOffsets: Offsets, outputScale: 1.0 / 255.0);
        return result;
    }

    /// <summary>Converts Y, Cb, Cr planes divided by 255 (as <see cref="FromRgb"/> returns them) back to RGB in [0, 1].</summary>
    /// <exception cref="ArgumentException">The image does not have exactly 3 channels.</exception>
    public static PlanarImage ToRgb(PlanarImage ycbcr)
    {
        RequireThreeChannels(ycbcr, "a YCbCr image");
        var result = new PlanarImage(3, ycbcr.Height, ycbcr.Width);
        double[] inputOffsets = [-Offsets[0] / 255.0, -Offsets[1] / 255.0, -Offsets[2] / 255.0];
        Apply(ycbcr, result, Inverse, inputOffsets, outputOffsets: [0, 0, 0], outputScale: 255.0);
        return result;
    }

    internal static void RequireThreeChannels(PlanarImage image, string what)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != 3)
        {
            throw new ArgumentException(
                $"Expected {what} with 3 channels, got {image.Channels} ({image}).", nameof(image));
        }
    }

    // Per pixel: out_i = outputScale * (sum_j m[i, j] * (in_j + inputOffsets[j]) + outputOffsets[i]).
    private static void Apply(
        PlanarImage source, PlanarImage target, double[,] m, double[] inputOffsets, double[] outputOffsets, double outputScale)
    {
        ReadOnlySpan<float> p0 = source.Plane(0), p1 = source.Plane(1), p2 = source.Plane(2);
        Span<float> q0 = target.Plane(0), q1 = target.Plane(1), q2 = target.Plane(2);
        for (int i = 0; i < p0.Length; i++)
        {
            double a = p0[i] + inputOffsets[0], b = p1[i] + inputOffsets[1], c = p2[i] + inputOffsets[2];
            q0[i] = (float)(outputScale * ((m[0, 0] * a) + (m[0, 1] * b) + (m[0, 2] * c) + outputOffsets[0]));
            q1[i] = (float)(outputScale * ((m[1, 0] * a) + (m[1, 1] * b) + (m[1, 2] * c) + outputOffsets[1]));
            q2[i] = (float)(outputScale * ((m[2, 0] * a) + (m[2, 1] * b) + (m[2, 2] * c) + outputOffsets[2]));
        }
    }

    private static double[,] Invert(double[,] m)
    {
        double a = m[0, 0], b = m[0, 1], c = m[0, 2];
        double d = m[1, 0], e = m[1, 1], f = m[1, 2];
        double g = m[2, 0], h = m[2, 1], k = m[2, 2];
        double det = (a * ((e * k) - (f * h))) - (b * ((d * k) - (f * g))) + (c * ((d * h) - (e * g)));
        return new double[,]
        {
            { ((e * k) - (f * h)) / det, ((c * h) - (b * k)) / det, ((b * f) - (c * e)) / det },
            { ((f * g) - (d * k)) / det, ((a * k) - (c * g)) / det, ((c * d) - (a * f)) / det },
            { ((d * h) - (e * g)) / det, ((b * g) - (a * h)) / det, ((a * e) - (b * d)) / det },
        };
    }
}
