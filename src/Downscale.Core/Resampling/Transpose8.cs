using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Downscale.Core.Resampling;

/// <summary>In-register 8x8 float transpose: row r of the input becomes lane r of every output vector.</summary>
internal static class Transpose8
{
    /// <summary>Transposes the 8x8 block held in <paramref name="r0"/>..<paramref name="r7"/> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlace(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        if (Avx.IsSupported)
        {
            // unpack pairs rows, shuffle gathers quads per 128-bit lane, permute joins the lanes.
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
            r0 = Avx.Permute2x128(s0, s4, 0x20);
            r1 = Avx.Permute2x128(s1, s5, 0x20);
            r2 = Avx.Permute2x128(s2, s6, 0x20);
            r3 = Avx.Permute2x128(s3, s7, 0x20);
            r4 = Avx.Permute2x128(s0, s4, 0x31);
            r5 = Avx.Permute2x128(s1, s5, 0x31);
            r6 = Avx.Permute2x128(s2, s6, 0x31);
            r7 = Avx.Permute2x128(s3, s7, 0x31);
            return;
        }

        Scalar(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
    }

    private static unsafe void Scalar(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        float* block = stackalloc float[64];
        r0.Store(block);
        r1.Store(block + 8);
        r2.Store(block + 16);
        r3.Store(block + 24);
        r4.Store(block + 32);
        r5.Store(block + 40);
        r6.Store(block + 48);
        r7.Store(block + 56);
        for (int i = 0; i < 8; i++)
        {
            for (int j = i + 1; j < 8; j++)
            {
                (block[(i * 8) + j], block[(j * 8) + i]) = (block[(j * 8) + i], block[(i * 8) + j]);
            }
        }

        r0 = Vector256.Load(block);
        r1 = Vector256.Load(block + 8);
        r2 = Vector256.Load(block + 16);
        r3 = Vector256.Load(block + 24);
        r4 = Vector256.Load(block + 32);
        r5 = Vector256.Load(block + 40);
        r6 = Vector256.Load(block + 48);
        r7 = Vector256.Load(block + 56);
    }
}
