using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Resampling;

/// <summary>
/// The two SIMD primitives of the separable engine. Rows hold <c>width x channels</c> interleaved elements
/// (channels = 1 for planar images); weights come from <see cref="AxisWeights"/>.
/// </summary>
/// <remarks>
/// The vertical pass is a weighted sum of whole rows, vectorised along the row. The horizontal pass works on bands of
/// eight rows: it transposes them into an element-major scratch (eight rows side by side in one Vector256), so that
/// each output element is a short dot product of contiguous vectors with broadcast weights, then transposes eight
/// results back into the eight output rows.
/// </remarks>
internal static unsafe class ResamplingPasses
{
    /// <summary>Rows per horizontal band (the lanes of a Vector256&lt;float&gt;).</summary>
    public const int Band = 8;

    /// <summary><c>dst[x] = Σ_k weights[k] · row_k[x]</c> for x &lt; <paramref name="count"/>, row k at <c>firstRow + k·rowStride</c> bytes.</summary>
    public static void VerticalRow<TIn, TOut>(byte* firstRow, nint rowStride, float* weights, int taps, byte* dst, int count)
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
    /// Resamples eight rows along x: <paramref name="src"/>[r] has <paramref name="inCount"/> elements,
    /// <paramref name="dst"/>[r] receives <paramref name="outCount"/>. Element e of an output row is pixel e / channels,
    /// channel e % channels. <paramref name="scratch"/> holds 8 x inCount floats. When <paramref name="clampMax"/> is
    /// positive, results are clamped to [0, clampMax] (PIL's 8-bit intermediate).
    /// </summary>
    public static void HorizontalBand<TIn, TOut>(
        byte** src, int inCount, byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        TransposeIn<TIn>(src, inCount, scratch);
        if (clampMax > 0f)
        {
            HorizontalCore<TOut, ClampTo>(dst, outCount, channels, weights, scratch, clampMax);
        }
        else
        {
            HorizontalCore<TOut, NoClamp>(dst, outCount, channels, weights, scratch, clampMax);
        }
    }

    private static void HorizontalCore<TOut, TClamp>(byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TOut : struct, IPixelFormat
        where TClamp : struct, IClamp
    {
        var max = Vector256.Create(clampMax);

        int stride = channels * Band;
        int taps = weights.TapCount;
        int ox = 0, c = 0;
        int e = 0;
        Vector256<float> a0, a1, a2, a3, a4, a5, a6, a7;
        for (; e <= outCount - Band; e += Band)
        {
            a0 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a1 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a2 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a3 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a4 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a5 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a6 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            a7 = Next(scratch, weights, stride, taps, channels, ref ox, ref c);
            Transpose8.InPlace(ref a0, ref a1, ref a2, ref a3, ref a4, ref a5, ref a6, ref a7);
            int offset = e * TOut.Size;
            TOut.Store8(dst[0] + offset, TClamp.Apply(a0, max));
            TOut.Store8(dst[1] + offset, TClamp.Apply(a1, max));
            TOut.Store8(dst[2] + offset, TClamp.Apply(a2, max));
            TOut.Store8(dst[3] + offset, TClamp.Apply(a3, max));
            TOut.Store8(dst[4] + offset, TClamp.Apply(a4, max));
            TOut.Store8(dst[5] + offset, TClamp.Apply(a5, max));
            TOut.Store8(dst[6] + offset, TClamp.Apply(a6, max));
            TOut.Store8(dst[7] + offset, TClamp.Apply(a7, max));
        }

        // Tail: each remaining element's eight rows, stored lane by lane.
        for (; e < outCount; e++)
        {
            Vector256<float> a = TClamp.Apply(Next(scratch, weights, stride, taps, channels, ref ox, ref c), max);
            int offset = e * TOut.Size;
            for (int r = 0; r < Band; r++)
            {
                TOut.Store1(dst[r] + offset, a.GetElement(r));
            }
        }
    }

    /// <summary>Writes <c>scratch[x·8 + r] = src[r][x]</c>.</summary>
    private static void TransposeIn<TIn>(byte** src, int count, float* scratch)
        where TIn : struct, IPixelFormat
    {
        byte* s0 = src[0], s1 = src[1], s2 = src[2], s3 = src[3], s4 = src[4], s5 = src[5], s6 = src[6], s7 = src[7];
        int x = 0;
        for (; x <= count - Band; x += Band)
        {
            int offset = x * TIn.Size;
            Vector256<float> r0 = TIn.Load8(s0 + offset), r1 = TIn.Load8(s1 + offset);
            Vector256<float> r2 = TIn.Load8(s2 + offset), r3 = TIn.Load8(s3 + offset);
            Vector256<float> r4 = TIn.Load8(s4 + offset), r5 = TIn.Load8(s5 + offset);
            Vector256<float> r6 = TIn.Load8(s6 + offset), r7 = TIn.Load8(s7 + offset);
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
                scratch[(x * Band) + r] = TIn.Load1(src[r] + (x * TIn.Size));
            }
        }
    }

    /// <summary>The eight rows of output element (ox, c), then advances to the next element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Next(float* scratch, AxisWeightsView weights, int stride, int taps, int channels, ref int ox, ref int c)
    {
        float* column = scratch + (((weights.Starts[ox] * channels) + c) * Band);
        float* w = weights.Weights + (ox * taps);
        float* end = w + taps;
        Vector256<float> acc0 = default, acc1 = default;
        for (; w + 1 < end; w += 2, column += 2 * stride)
        {
            acc0 = Vector256.MultiplyAddEstimate(Vector256.Load(column), Vector256.Create(w[0]), acc0);
            acc1 = Vector256.MultiplyAddEstimate(Vector256.Load(column + stride), Vector256.Create(w[1]), acc1);
        }

        if (w < end)
        {
            acc0 = Vector256.MultiplyAddEstimate(Vector256.Load(column), Vector256.Create(w[0]), acc0);
        }

        if (++c == channels)
        {
            c = 0;
            ox++;
        }

        return acc0 + acc1;
    }

    /// <summary>What happens to a horizontal result before it is stored; a type argument, so the choice costs nothing per pixel.</summary>
    private interface IClamp
    {
        static abstract Vector256<float> Apply(Vector256<float> value, Vector256<float> max);
    }

    private readonly struct NoClamp : IClamp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> value, Vector256<float> max) => value;
    }

    private readonly struct ClampTo : IClamp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Apply(Vector256<float> value, Vector256<float> max) =>
            Vector256.MinNative(Vector256.MaxNative(value, Vector256<float>.Zero), max);
    }
}

/// <summary>Pinned pointers into an <see cref="AxisWeights"/> for the pixel loops.</summary>
internal readonly unsafe struct AxisWeightsView(int* starts, float* weights, int tapCount)
{
    /// <summary>First input index per output.</summary>
    public int* Starts { get; } = starts;

    /// <summary>TapCount weights per output.</summary>
    public float* Weights { get; } = weights;

    /// <summary>Taps per output.</summary>
    public int TapCount { get; } = tapCount;
}
