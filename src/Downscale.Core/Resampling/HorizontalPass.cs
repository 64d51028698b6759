using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Resampling;

/// <summary>
/// The horizontal pass on bands of eight rows: the rows are transposed into an element-major scratch (eight rows side
/// by side in one Vector256), so that each output element is a short dot product of contiguous vectors with broadcast
/// weights; eight results at a time are transposed back into the eight output rows. Element e of an output row is
/// pixel e / channels, channel e % channels.
/// </summary>
/// <remarks>
/// Hot loops are marked <see cref="MethodImplOptions.AggressiveOptimization"/> (see <see cref="VerticalPass"/>).
/// </remarks>
internal static unsafe class HorizontalPass
{
    /// <summary>Rows per horizontal band (the lanes of a Vector256&lt;float&gt;).</summary>
    public const int Band = 8;

    /// <summary>
    /// Resamples eight rows along x: <paramref name="src"/>[r] has <paramref name="inCount"/> elements,
    /// <paramref name="dst"/>[r] receives <paramref name="outCount"/>. Element e of an output row is pixel e / channels,
    /// channel e % channels. <paramref name="scratch"/> holds 8 x inCount floats. When <paramref name="clampMax"/> is
    /// positive, results are clamped to [0, clampMax] (PIL's 8-bit intermediate).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FromRows<TIn, TOut>(
        byte** src, int inCount, byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        TransposeIn<TIn>(src, inCount, scratch);
        FromTransposed<TOut>(dst, outCount, channels, weights, scratch, clampMax);
    }

    /// <summary>
    /// The horizontal pass from an element-major scratch (<c>scratch[x·8 + r]</c> = row r, element x), as written by
    /// <see cref="VerticalPass.BandTransposed{TIn}"/>.
    /// </summary>
    public static void FromTransposed<TOut>(byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TOut : struct, IPixelFormat
    {
        if (clampMax > 0f)
        {
            ByTaps<TOut, ClampTo>(dst, outCount, channels, weights, scratch, clampMax);
        }
        else
        {
            ByTaps<TOut, NoClamp>(dst, outCount, channels, weights, scratch, clampMax);
        }
    }

    /// <summary>Picks a tap-count specialisation: short dot products unrolled at JIT time are much cheaper than a loop.</summary>
    private static void ByTaps<TOut, TClamp>(byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TOut : struct, IPixelFormat
        where TClamp : struct, IClamp
    {
        switch (weights.TapCount)
        {
            case 1: Core<TOut, TClamp, Taps1>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 2: Core<TOut, TClamp, Taps2>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 3: Core<TOut, TClamp, Taps3>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 4: Core<TOut, TClamp, Taps4>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 5: Core<TOut, TClamp, Taps5>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 6: Core<TOut, TClamp, Taps6>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 7: Core<TOut, TClamp, Taps7>(dst, outCount, channels, weights, scratch, clampMax); break;
            case 8: Core<TOut, TClamp, Taps8>(dst, outCount, channels, weights, scratch, clampMax); break;
            default: Core<TOut, TClamp, TapsAny>(dst, outCount, channels, weights, scratch, clampMax); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Core<TOut, TClamp, TTaps>(byte** dst, int outCount, int channels, AxisWeightsView weights, float* scratch, float clampMax)
        where TOut : struct, IPixelFormat
        where TClamp : struct, IClamp
        where TTaps : struct, ITaps
    {
        var max = Vector256.Create(clampMax);

        int stride = channels * Band;
        int taps = weights.TapCount;
        int ox = 0, c = 0;
        int e = 0;
        Vector256<float> a0, a1, a2, a3, a4, a5, a6, a7;
        for (; e <= outCount - Band; e += Band)
        {
            a0 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a1 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a2 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a3 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a4 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a5 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a6 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
            a7 = Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c);
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
            Vector256<float> a = TClamp.Apply(Next<TTaps>(scratch, weights, stride, taps, channels, ref ox, ref c), max);
            int offset = e * TOut.Size;
            for (int r = 0; r < Band; r++)
            {
                TOut.Store1(dst[r] + offset, a.GetElement(r));
            }
        }
    }

    /// <summary>Writes <c>scratch[x·8 + r] = src[r][x]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    private static Vector256<float> Next<TTaps>(float* scratch, AxisWeightsView weights, int stride, int taps, int channels, ref int ox, ref int c)
        where TTaps : struct, ITaps
    {
        float* column = scratch + (((weights.Starts[ox] * channels) + c) * Band);
        float* w = weights.Weights + (ox * taps);
        if (++c == channels)
        {
            c = 0;
            ox++;
        }

        return TapDot.Strided<FloatFormat, TTaps>((byte*)column, stride * sizeof(float), w, taps);
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
