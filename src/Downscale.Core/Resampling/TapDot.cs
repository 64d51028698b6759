using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Resampling;

/// <summary>
/// The inner product of both separable passes: eight independent dot products of <c>taps</c> weights with vectors a
/// fixed stride apart (input rows in the vertical pass, transposed scratch columns in the horizontal pass).
/// </summary>
internal static unsafe class TapDot
{
    /// <summary>Σ_k w[k] · (8 elements at p + k·stride bytes); unrolled when <typeparamref name="TTaps"/> fixes the tap count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Strided<TIn, TTaps>(byte* p, nint stride, float* w, int taps)
        where TIn : struct, IPixelFormat
        where TTaps : struct, ITaps
    {
        if (TTaps.Count == 0)
        {
            Vector256<float> a = default, b = default;
            int k = 0;
            for (; k + 1 < taps; k += 2, p += 2 * stride)
            {
                a = Vector256.MultiplyAddEstimate(TIn.Load8(p), Vector256.Create(w[k]), a);
                b = Vector256.MultiplyAddEstimate(TIn.Load8(p + stride), Vector256.Create(w[k + 1]), b);
            }

            if (k < taps)
            {
                a = Vector256.MultiplyAddEstimate(TIn.Load8(p), Vector256.Create(w[k]), a);
            }

            return a + b;
        }

        // One accumulator: the eight independent dot products of a band already keep the FMA units busy.
        Vector256<float> acc = TIn.Load8(p) * Vector256.Create(w[0]);
        if (TTaps.Count == 1)
        {
            return acc;
        }

        acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + stride), Vector256.Create(w[1]), acc);
        if (TTaps.Count > 2)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (2 * stride)), Vector256.Create(w[2]), acc);
        }

        if (TTaps.Count > 3)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (3 * stride)), Vector256.Create(w[3]), acc);
        }

        if (TTaps.Count > 4)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (4 * stride)), Vector256.Create(w[4]), acc);
        }

        if (TTaps.Count > 5)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (5 * stride)), Vector256.Create(w[5]), acc);
        }

        if (TTaps.Count > 6)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (6 * stride)), Vector256.Create(w[6]), acc);
        }

        if (TTaps.Count > 7)
        {
            acc = Vector256.MultiplyAddEstimate(TIn.Load8(p + (7 * stride)), Vector256.Create(w[7]), acc);
        }

        return acc;
    }
}
