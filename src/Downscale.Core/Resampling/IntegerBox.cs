using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Downscale.Core.Resampling;

/// <summary>
/// Area averaging for integer factors (in = s·out on both axes): each output is the mean of an s_x x s_y block. The
/// general engine computes the same values; this path exists because the block mean needs no weights, no transposes
/// and one pass (OpenCV has the same special case), which makes it several times faster.
/// </summary>
/// <remarks>
/// Per output row: the s_y input rows are summed into a float row; then every run of 8 outputs of an interleaved row
/// (pixel e / C, channel e % C, reading inputs s·C·(e / C) + e % C + k·C for k &lt; s_x) is gathered with in-register
/// permutes. The permutes depend only on the run's phase (its start modulo lcm(8, C)), so they are precomputed.
/// </remarks>
internal static unsafe class IntegerBox
{
    private const int Lanes = 8;

    /// <summary>True when this path can run (an x86 CPU with AVX2; other CPUs take the general engine).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Block-averages <paramref name="planes"/> planes by (<paramref name="sx"/>, <paramref name="sy"/>).</summary>
    public static void Run<TIn, TOut>(
        byte* source, byte* destination, int planes, long inPlaneStride, long outPlaneStride, int channels,
        int outWidth, int outHeight, int sx, int sy, int degree)
        where TIn : struct, IPixelFormat
        where TOut : struct, IPixelFormat
    {
        int outCount = outWidth * channels;
        int inCount = outCount * sx;
        var plan = new Pattern(channels, sx);
        nint src = (nint)source, dst = (nint)destination;
        const int rowsPerItem = 8;
        int items = (outHeight + rowsPerItem - 1) / rowsPerItem;
        Workers.ForEach(planes * items, degree, inCount + (Lanes * (sx + 2) * channels), (item, scratch) =>
        {
            int plane = item / items;
            int oy0 = (item % items) * rowsPerItem;
            byte* inPlane = (byte*)src + (plane * inPlaneStride);
            byte* outPlane = (byte*)dst + (plane * outPlaneStride);
            nint inRow = inCount * TIn.Size;
            float scale = 1f / (sx * sy);
            for (int oy = oy0; oy < Math.Min(oy0 + rowsPerItem, outHeight); oy++)
            {
                SumRows<TIn>(inPlane + (oy * sy * inRow), inRow, sy, scratch, inCount);
                Pool<TOut>(scratch, plan, outCount, scale, outPlane + (oy * (nint)outCount * TOut.Size));
            }
        });
    }

    /// <summary><c>sum[x] = Σ_r row_r[x]</c> over <paramref name="rows"/> rows.</summary>
    private static void SumRows<TIn>(byte* first, nint stride, int rows, float* sum, int count)
        where TIn : struct, IPixelFormat
    {
        int x = 0;
        for (; x <= count - Lanes; x += Lanes)
        {
            byte* p = first + (x * TIn.Size);
            Vector256<float> acc = TIn.Load8(p);
            for (int r = 1; r < rows; r++)
            {
                acc += TIn.Load8(p + (r * stride));
            }

            acc.Store(sum + x);
        }

        for (; x < count; x++)
        {
            float acc = 0f;
            for (int r = 0; r < rows; r++)
            {
                acc += TIn.Load1(first + (r * stride) + (x * TIn.Size));
            }

            sum[x] = acc;
        }
    }

    /// <summary>Writes <c>out[e] = scale · Σ_k sum[s·C·(e / C) + e % C + k·C]</c>.</summary>
    private static void Pool<TOut>(float* sum, Pattern plan, int outCount, float scale, byte* output)
        where TOut : struct, IPixelFormat
    {
        var factor = Vector256.Create(scale);
        int e = 0;
        for (int block = 0; e <= outCount - Lanes; e += Lanes, block++)
        {
            int phase = block % plan.Phases;
            float* basePtr = sum + plan.BaseOf(e);
            Vector256<float> acc = default;
            for (int k = 0; k < plan.Taps; k++)
            {
                float* p = basePtr + (k * plan.Channels);
                Vector256<float> gathered = Avx2.PermuteVar8x32(Vector256.Load(p), plan.Index(phase, 0));
                for (int v = 1; v < plan.Vectors; v++)
                {
                    gathered = Avx.BlendVariable(gathered, Avx2.PermuteVar8x32(Vector256.Load(p + (v * Lanes)), plan.Index(phase, v)), plan.Mask(phase, v));
                }

                acc += gathered;
            }

            TOut.Store8(output + (e * TOut.Size), acc * factor);
        }

        for (; e < outCount; e++)
        {
            float* p = sum + plan.BaseOf(e);
            float acc = 0f;
            for (int k = 0; k < plan.Taps; k++)
            {
                acc += p[k * plan.Channels];
            }

            TOut.Store1(output + (e * TOut.Size), acc * scale);
        }
    }

    /// <summary>The per-phase lane permutations that gather 8 outputs' first taps from consecutive vectors.</summary>
    private sealed class Pattern
    {
        private readonly Vector256<int>[] _indices;
        private readonly Vector256<float>[] _masks;

        public Pattern(int channels, int taps)
        {
            Channels = channels;
            Taps = taps;
            Phases = channels / (int)System.Numerics.BigInteger.GreatestCommonDivisor(Lanes, channels);
            int span = 0;
            for (int phase = 0; phase < Phases; phase++)
            {
                span = Math.Max(span, BaseOf((phase * Lanes) + Lanes - 1) - BaseOf(phase * Lanes) + 1);
            }

            Vectors = (span + Lanes - 1) / Lanes;
            _indices = new Vector256<int>[Phases * Vectors];
            _masks = new Vector256<float>[Phases * Vectors];
            Span<int> index = stackalloc int[Lanes];
            Span<float> mask = stackalloc float[Lanes];
            for (int phase = 0; phase < Phases; phase++)
            {
                for (int v = 0; v < Vectors; v++)
                {
                    for (int lane = 0; lane < Lanes; lane++)
                    {
                        int offset = BaseOf((phase * Lanes) + lane) - BaseOf(phase * Lanes);
                        index[lane] = offset % Lanes;
                        mask[lane] = offset / Lanes == v ? BitConverter.Int32BitsToSingle(-1) : 0f;
                    }

                    _indices[(phase * Vectors) + v] = Vector256.Create<int>(index);
                    _masks[(phase * Vectors) + v] = Vector256.Create<float>(mask);
                }
            }
        }

        public int Channels { get; }

        public int Taps { get; }

        public int Phases { get; }

        /// <summary>Source vectors one run of 8 outputs spans.</summary>
        public int Vectors { get; }

        /// <summary>Index of output e's first tap in the summed row.</summary>
        public int BaseOf(int e) => (Taps * Channels * (e / Channels)) + (e % Channels);

        public Vector256<int> Index(int phase, int vector) => _indices[(phase * Vectors) + vector];

        public Vector256<float> Mask(int phase, int vector) => _masks[(phase * Vectors) + vector];
    }
}
