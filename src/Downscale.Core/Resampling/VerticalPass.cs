using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Resampling;

/// <summary>
/// The vertical pass: output rows as weighted sums of input rows, vectorised along the row. Rows hold
/// <c>width x channels</c> interleaved elements (channels = 1 for planar images).
/// </summary>
/// <remarks>
/// Hot loops are marked <see cref="MethodImplOptions.AggressiveOptimization"/>: a resize calls them a few hundred times,
/// so tiered compilation would otherwise run the first images (benchmarks, short jobs) on unoptimised code.
/// </remarks>
internal static unsafe class VerticalPass
{
    private const int Band = HorizontalPass.Band;

    /// <summary><c>dst[x] = Σ_k weights[k] · row_k[x]</c> for x &lt; <paramref name="count"/>, row k at <c>firstRow + k·rowStride</c> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row<TIn, TOut>(byte* firstRow, nint rowStride, float* weights, int taps, byte* dst, int count)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        int x = 0;
        for (; x <= count - 32; x += 32)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            byte* p = firstRow + (x * TIn.Size);
            for (int k = 0; k < taps; k++, p += rowStride)
            {
                var w = Vector256.Create(weights[k]);
                a0 = Vector256.MultiplyAddEstimate(TIn.Load8(p), w, a0);
                a1 = Vector256.MultiplyAddEstimate(TIn.Load8(p + (8 * TIn.Size)), w, a1);
                a2 = Vector256.MultiplyAddEstimate(TIn.Load8(p + (16 * TIn.Size)), w, a2);
                a3 = Vector256.MultiplyAddEstimate(TIn.Load8(p + (24 * TIn.Size)), w, a3);
            }

            byte* q = dst + (x * TOut.Size);
            TOut.Store8(q, a0);
            TOut.Store8(q + (8 * TOut.Size), a1);
            TOut.Store8(q + (16 * TOut.Size), a2);
            TOut.Store8(q + (24 * TOut.Size), a3);
        }

        if (count >= 8)
        {
            for (; x < count; x += 8)
            {
                x = Math.Min(x, count - 8); // the last vector overlaps the previous one instead of a scalar tail
                Vector256<float> a = default;
                byte* p = firstRow + (x * TIn.Size);
                for (int k = 0; k < taps; k++, p += rowStride)
                {
                    a = Vector256.MultiplyAddEstimate(TIn.Load8(p), Vector256.Create(weights[k]), a);
                }

                TOut.Store8(dst + (x * TOut.Size), a);
            }

            return;
        }

        for (; x < count; x++)
        {
            float a = 0f;
            byte* p = firstRow + (x * TIn.Size);
            for (int k = 0; k < taps; k++, p += rowStride)
            {
                a += weights[k] * TIn.Load1(p);
            }

            TOut.Store1(dst + (x * TOut.Size), a);
        }
    }

    /// <summary>
    /// The vertical pass for output rows y0 .. y0 + 7 (rows past <paramref name="valid"/> repeat the last valid one),
    /// written element-major (<c>scratch[x·8 + r]</c>) for the horizontal pass: each group of 8 columns is computed
    /// for the 8 rows and transposed in registers, so the rows never go through memory.
    /// </summary>
    public static void BandTransposed<TIn>(byte* plane, nint rowStride, AxisWeightsView weights, int y0, int valid, int count, float* scratch)
        where TIn : struct, IPixelFormat
    {
        switch (weights.TapCount)
        {
            case 1: BandCore<TIn, Taps1>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 2: BandCore<TIn, Taps2>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 3: BandCore<TIn, Taps3>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 4: BandCore<TIn, Taps4>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 5: BandCore<TIn, Taps5>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 6: BandCore<TIn, Taps6>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 7: BandCore<TIn, Taps7>(plane, rowStride, weights, y0, valid, count, scratch); break;
            case 8: BandCore<TIn, Taps8>(plane, rowStride, weights, y0, valid, count, scratch); break;
            default: BandCore<TIn, TapsAny>(plane, rowStride, weights, y0, valid, count, scratch); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BandCore<TIn, TTaps>(byte* plane, nint rowStride, AxisWeightsView weights, int y0, int valid, int count, float* scratch)
        where TIn : struct, IPixelFormat
        where TTaps : struct, ITaps
    {
        int taps = weights.TapCount;
        byte** rows = stackalloc byte*[Band];
        float** w = stackalloc float*[Band];
        for (int r = 0; r < Band; r++)
        {
            int y = y0 + Math.Min(r, valid - 1);
            rows[r] = plane + (weights.Starts[y] * rowStride);
            w[r] = weights.Weights + (y * taps);
        }

        int x = 0;
        for (; x <= count - Band; x += Band)
        {
            nint offset = x * TIn.Size;
            Vector256<float> r0 = TapDot.Strided<TIn, TTaps>(rows[0] + offset, rowStride, w[0], taps);
            Vector256<float> r1 = TapDot.Strided<TIn, TTaps>(rows[1] + offset, rowStride, w[1], taps);
            Vector256<float> r2 = TapDot.Strided<TIn, TTaps>(rows[2] + offset, rowStride, w[2], taps);
            Vector256<float> r3 = TapDot.Strided<TIn, TTaps>(rows[3] + offset, rowStride, w[3], taps);
            Vector256<float> r4 = TapDot.Strided<TIn, TTaps>(rows[4] + offset, rowStride, w[4], taps);
            Vector256<float> r5 = TapDot.Strided<TIn, TTaps>(rows[5] + offset, rowStride, w[5], taps);
            Vector256<float> r6 = TapDot.Strided<TIn, TTaps>(rows[6] + offset, rowStride, w[6], taps);
            Vector256<float> r7 = TapDot.Strided<TIn, TTaps>(rows[7] + offset, rowStride, w[7], taps);
            Transpose8.InPlace(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            float* t = scratch + (x * Band);
            r0.Store(t);
            r1.Store(t + 8);
            r2.Store(t + 16);
            r3.Store(t + 24);
            r4.Store(t + 32);
            r5.Store(t + 40);
            r6.Store(t + 48);
            r7.Store(t + 56);
        }

        for (; x < count; x++)
        {
            for (int r = 0; r < Band; r++)
            {
                float acc = 0f;
                for (int k = 0; k < taps; k++)
                {
                    acc += w[r][k] * TIn.Load1(rows[r] + (k * rowStride) + (x * TIn.Size));
                }

                scratch[(x * Band) + r] = acc;
            }
        }
    }
}
