using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Metrics;

/// <summary>
/// The SSIM map of Wang et al. (2004) with an 11x11 Gaussian window (sigma 1.5), population covariances, averaged over
/// the valid interior, in float64: the arithmetic shared by skimage's <c>structural_similarity</c> and BasicSR's
/// <c>calculate_ssim</c> (see <see cref="Ssim"/> for why the two agree).
/// </summary>
/// <remarks>
/// Separable filtering fused with the map: each worker walks a band of output rows, filters every input row it needs
/// horizontally into a ring of 11 rows per statistic (x, y, x^2, y^2, xy), then filters the ring vertically and turns
/// the five local moments into SSIM values, summing them without storing the map. Bands have a fixed height, so the
/// sum does not depend on the core count (fused multiply-adds where the CPU has them move it by an ulp or so).
/// </remarks>
internal static class GaussianSsim
{
    /// <summary>Side of the Gaussian window (skimage: <c>2 * int(3.5 * sigma + 0.5) + 1</c>).</summary>
    public const int WindowSize = 11;

    /// <summary>Standard deviation of the Gaussian window.</summary>
    public const double Sigma = 1.5;

    /// <summary>SSIM's K1 (luminance stabiliser).</summary>
    public const double K1 = 0.01;

    /// <summary>SSIM's K2 (contrast stabiliser).</summary>
    public const double K2 = 0.03;

    private const int Radius = WindowSize / 2;
    private const int Statistics = 5;
    private const int BandRows = 64;

    /// <summary>The normalised 1-D window: exp(-x^2 / (2 sigma^2)) / sum, x = -5..5 (OpenCV's getGaussianKernel, scipy's).</summary>
    internal static readonly double[] Weights = MakeWeights();

    /// <summary>Mean SSIM of each plane pair; pairs and row bands are scored in parallel.</summary>
    /// <param name="predictions">Planes of the image being judged (0-255 scale).</param>
    /// <param name="targets">Matching planes of the reference.</param>
    /// <param name="height">Rows per plane (at least <see cref="WindowSize"/>).</param>
    /// <param name="width">Columns per row (at least <see cref="WindowSize"/>).</param>
    /// <param name="dataRange">The L in C1 = (K1 L)^2 and C2 = (K2 L)^2.</param>
    public static double[] MeanPerPlane(
        IReadOnlyList<ReadOnlyMemory<double>> predictions, IReadOnlyList<ReadOnlyMemory<double>> targets,
        int height, int width, double dataRange)
    {
        int outputRows = height - (2 * Radius), outputColumns = width - (2 * Radius);
        int bands = (outputRows + BandRows - 1) / BandRows;
        double c1 = (K1 * dataRange) * (K1 * dataRange), c2 = (K2 * dataRange) * (K2 * dataRange);
        var bandSums = new double[predictions.Count * bands];
        Parallel.For(0, bandSums.Length, item =>
        {
            int plane = item / bands, band = item % bands;
            int first = band * BandRows, last = Math.Min(outputRows, first + BandRows);
            bandSums[item] = SumBand(predictions[plane].Span, targets[plane].Span, width, first, last, c1, c2);
        });

        var means = new double[predictions.Count];
        for (int plane = 0; plane < means.Length; plane++)
        {
            double sum = 0;
            for (int band = 0; band < bands; band++)
            {
                sum += bandSums[(plane * bands) + band];
            }

            means[plane] = sum / ((double)outputRows * outputColumns);
        }

        return means;
    }

    /// <summary>Sum of the SSIM map over output rows [<paramref name="first"/>, <paramref name="last"/>) of the valid interior.</summary>
    internal static double SumBand(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, int width, int first, int last, double c1, double c2)
    {
        int columns = width - (2 * Radius);
        int ringLength = Statistics * WindowSize * columns;
        double[] rented = ArrayPool<double>.Shared.Rent(ringLength);
        try
        {
            Span<double> ring = rented.AsSpan(0, ringLength);
            Span<int> slots = stackalloc int[WindowSize];
            double sum = 0;
            int lastInputRow = last + (2 * Radius);
            for (int row = first; row < lastInputRow; row++)
            {
                int slot = (row - first) % WindowSize;
                FilterRow(x.Slice(row * width, width), y.Slice(row * width, width), ring, slot * columns, columns);
                int outputRow = row - (2 * Radius);
                if (outputRow >= first)
                {
                    for (int k = 0; k < WindowSize; k++)
                    {
                        slots[k] = ((outputRow + k - first) % WindowSize) * columns;
                    }

                    sum += SumSsimRow(ring, slots, columns, c1, c2);
                }
            }

            return sum;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    // Horizontal pass: the five statistics of one input row, filtered over x in [0, columns) (valid region only).
    private static void FilterRow(ReadOnlySpan<double> xRow, ReadOnlySpan<double> yRow, Span<double> ring, int offset, int columns)
    {
        int stride = WindowSize * columns;
        ref double xs = ref MemoryMarshal.GetReference(xRow);
        ref double ys = ref MemoryMarshal.GetReference(yRow);
        ref double r = ref MemoryMarshal.GetReference(ring);
        ReadOnlySpan<double> w = Weights;
        int j = 0;
        for (; j <= columns - Vector256<double>.Count; j += Vector256<double>.Count)
        {
            Vector256<double> mx = default, my = default, mxx = default, myy = default, mxy = default;
            for (int k = 0; k < WindowSize; k++)
            {
                var wk = Vector256.Create(w[k]);
                var xv = Vector256.LoadUnsafe(ref xs, (nuint)(j + k));
                var yv = Vector256.LoadUnsafe(ref ys, (nuint)(j + k));
                var wx = wk * xv;
                var wy = wk * yv;
                mx += wx;
                my += wy;
                mxx = Vector256.MultiplyAddEstimate(wx, xv, mxx);
                myy = Vector256.MultiplyAddEstimate(wy, yv, myy);
                mxy = Vector256.MultiplyAddEstimate(wx, yv, mxy);
            }

            mx.StoreUnsafe(ref r, (nuint)(offset + j));
            my.StoreUnsafe(ref r, (nuint)(offset + stride + j));
            mxx.StoreUnsafe(ref r, (nuint)(offset + (2 * stride) + j));
            myy.StoreUnsafe(ref r, (nuint)(offset + (3 * stride) + j));
            mxy.StoreUnsafe(ref r, (nuint)(offset + (4 * stride) + j));
        }

        for (; j < columns; j++)
        {
            double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
            for (int k = 0; k < WindowSize; k++)
            {
                double xv = xRow[j + k], yv = yRow[j + k];
                double wx = w[k] * xv, wy = w[k] * yv;
                mx += wx;
                my += wy;
                mxx += wx * xv;
                myy += wy * yv;
                mxy += wx * yv;
            }

            ring[offset + j] = mx;
            ring[offset + stride + j] = my;
            ring[offset + (2 * stride) + j] = mxx;
            ring[offset + (3 * stride) + j] = myy;
            ring[offset + (4 * stride) + j] = mxy;
        }
    }

    // Vertical pass over the ring rows listed in slots (top to bottom), then the SSIM formula, summed over the row.
    private static double SumSsimRow(ReadOnlySpan<double> ring, ReadOnlySpan<int> slots, int columns, double c1, double c2)
    {
        int stride = WindowSize * columns;
        ref double r = ref MemoryMarshal.GetReference(ring);
        ReadOnlySpan<double> w = Weights;
        Vector256<double> total = default;
        int j = 0;
        for (; j <= columns - Vector256<double>.Count; j += Vector256<double>.Count)
        {
            Vector256<double> ux = default, uy = default, uxx = default, uyy = default, uxy = default;
            for (int k = 0; k < WindowSize; k++)
            {
                var wk = Vector256.Create(w[k]);
                int at = slots[k] + j;
                ux = Vector256.MultiplyAddEstimate(wk, Vector256.LoadUnsafe(ref r, (nuint)at), ux);
                uy = Vector256.MultiplyAddEstimate(wk, Vector256.LoadUnsafe(ref r, (nuint)(at + stride)), uy);
                uxx = Vector256.MultiplyAddEstimate(wk, Vector256.LoadUnsafe(ref r, (nuint)(at + (2 * stride))), uxx);
                uyy = Vector256.MultiplyAddEstimate(wk, Vector256.LoadUnsafe(ref r, (nuint)(at + (3 * stride))), uyy);
                uxy = Vector256.MultiplyAddEstimate(wk, Vector256.LoadUnsafe(ref r, (nuint)(at + (4 * stride))), uxy);
            }

            total += SsimValue(ux, uy, uxx, uyy, uxy, Vector256.Create(c1), Vector256.Create(c2));
        }

        double sum = Vector256.Sum(total);
        for (; j < columns; j++)
        {
            double ux = 0, uy = 0, uxx = 0, uyy = 0, uxy = 0;
            for (int k = 0; k < WindowSize; k++)
            {
                int at = slots[k] + j;
                ux += w[k] * ring[at];
                uy += w[k] * ring[at + stride];
                uxx += w[k] * ring[at + (2 * stride)];
                uyy += w[k] * ring[at + (3 * stride)];
                uxy += w[k] * ring[at + (4 * stride)];
            }

            sum += SsimValue(ux, uy, uxx, uyy, uxy, c1, c2);
        }

        return sum;
    }

    // ((2 ux uy + C1)(2 vxy + C2)) / ((ux^2 + uy^2 + C1)(vx + vy + C2)), with v = E[..] - products of means.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SsimValue(
        Vector256<double> ux, Vector256<double> uy, Vector256<double> uxx, Vector256<double> uyy, Vector256<double> uxy,
        Vector256<double> c1, Vector256<double> c2)
    {
        var two = Vector256.Create(2.0);
        var uxuy = ux * uy;
        var vx = uxx - (ux * ux);
        var vy = uyy - (uy * uy);
        var vxy = uxy - uxuy;
        var numerator = ((two * uxuy) + c1) * ((two * vxy) + c2);
        var denominator = ((ux * ux) + (uy * uy) + c1) * (vx + vy + c2);
        return numerator / denominator;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SsimValue(double ux, double uy, double uxx, double uyy, double uxy, double c1, double c2)
    {
        double uxuy = ux * uy;
        double vx = uxx - (ux * ux), vy = uyy - (uy * uy), vxy = uxy - uxuy;
        return (((2 * uxuy) + c1) * ((2 * vxy) + c2)) / (((ux * ux) + (uy * uy) + c1) * (vx + vy + c2));
    }

    private static double[] MakeWeights()
    {
        var weights = new double[WindowSize];
        double sum = 0;
        for (int i = 0; i < WindowSize; i++)
        {
            double x = i - Radius;
            weights[i] = Math.Exp(-(x * x) / (2 * Sigma * Sigma));
            sum += weights[i];
        }

        for (int i = 0; i < WindowSize; i++)
        {
            weights[i] /= sum;
        }

        return weights;
    }
}
