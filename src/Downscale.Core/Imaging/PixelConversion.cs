using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Downscale.Core.Imaging;

/// <summary>
/// The kernels behind every integer/float pixel conversion: interleaved (HWC) 8- or 16-bit samples to planar float
/// and back, with an arbitrary channel map so that channel reordering (BGRA), gray expansion and alpha dropping cost
/// nothing extra.
/// </summary>
/// <remarks>
/// <para>
/// Integer to float: <c>v / max</c> in float32 (max = 255 or 65535), the correctly rounded quotient, so an 8- or 16-bit
/// round trip is exact. Float to integer: <c>clamp(floor(v * max + 0.5), 0, max)</c> evaluated in float32 (multiply and
/// add rounded separately, never fused), that is round half up with saturation; NaN becomes 0.
/// </para>
/// <para>
/// The work is a strided gather (or scatter) between one interleaved row and C plane rows, so each kernel makes one
/// pass: eight strided scalar loads feed one <see cref="Vector256"/> convert-and-divide (or one vector quantize feeds
/// eight strided stores). Measured on 24 MP RGB, one thread: 35 ms to planar and 50 ms back, against 90 ms for a
/// scalar table lookup and 240 ms for a scalar gather followed by <c>TensorPrimitives</c> passes (the extra passes over
/// the row cost more than SIMD saves there). Rows run in parallel on large images.
/// </para>
/// </remarks>
internal static unsafe class PixelConversion
{
    /// <summary>Marks a destination channel that is filled with the full-scale value (opaque alpha) in <see cref="Interleave{T}"/>.</summary>
    public const int Opaque = -1;

    /// <summary>The documented rounding rule for one value: <c>clamp(floor(v * max + 0.5), 0, max)</c>, NaN to 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Quantize(float value, float max)
    {
        float scaled = (value * max) + 0.5f;
        scaled = MathF.Min(float.MaxNumber(scaled, 0f), max); // MaxNumber maps NaN to 0.
        return (int)scaled; // Non-negative here, so truncation is floor.
    }

    /// <summary>
    /// Fills <paramref name="destination"/> from interleaved samples: plane <c>p</c> takes source channel
    /// <c>planeSources[p]</c>.
    /// </summary>
    public static void Deinterleave<T>(ReadOnlySpan<T> source, int sourceChannels, ReadOnlySpan<int> planeSources, PlanarImage destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckLength(source.Length, destination, sourceChannels);
        fixed (T* pointer = source)
        {
            Deinterleave(pointer, sourceChannels, planeSources, destination);
        }
    }

    /// <summary>As <see cref="Deinterleave{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, PlanarImage)"/>, over native memory of exactly H x W x sourceChannels samples.</summary>
    public static void Deinterleave<T>(T* source, int sourceChannels, ReadOnlySpan<int> planeSources, PlanarImage destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckMap(planeSources, destination.Channels, sourceChannels, allowOpaque: false);
        int[] map = planeSources.ToArray();
        int width = destination.Width;
        int plane = destination.PlaneLength;
        nint address = (nint)source;
        Memory<float> data = destination.Data;
        RowParallel.For(destination.Height, (long)width * map.Length, (start, end) =>
        {
            Span<float> all = data.Span;
            for (int y = start; y < end; y++)
            {
                T* row = (T*)address + ((long)y * width * sourceChannels);
                for (int p = 0; p < map.Length; p++)
                {
                    fixed (float* target = all.Slice((p * plane) + (y * width), width))
                    {
                        GatherRow(row + map[p], sourceChannels, target, width);
                    }
                }
            }
        });
    }

    /// <summary>
    /// Writes <paramref name="source"/> as interleaved samples: destination channel <c>k</c> takes plane
    /// <c>channelPlanes[k]</c>, or the full-scale value where it is <see cref="Opaque"/>.
    /// </summary>
    public static void Interleave<T>(PlanarImage source, ReadOnlySpan<int> channelPlanes, Span<T> destination)
        where T : unmanaged, IBinaryInteger<T>
    {
        CheckMap(channelPlanes, channelPlanes.Length, source.Channels, allowOpaque: true);
        CheckLength(destination.Length, source, channelPlanes.Length);
        int[] map = channelPlanes.ToArray();
        int channels = map.Length;
        int width = source.Width;
        int plane = source.PlaneLength;
        ReadOnlyMemory<float> data = source.Data;
        fixed (T* pointer = destination)
        {
            nint address = (nint)pointer;
            RowParallel.For(source.Height, (long)width * channels, (start, end) =>
            {
                ReadOnlySpan<float> all = data.Span;
                for (int y = start; y < end; y++)
                {
                    T* row = (T*)address + ((long)y * width * channels);
                    for (int k = 0; k < channels; k++)
                    {
                        if (map[k] == Opaque)
                        {
                            FillRow(row + k, channels, T.AllBitsSet, width);
                            continue;
                        }

                        fixed (float* values = all.Slice((map[k] * plane) + (y * width), width))
                        {
                            ScatterRow(values, row + k, channels, width);
                        }
                    }
                }
            });
        }
    }

    // The row kernels skip tiered compilation: a decode reaches them through a handful of lambda calls only, too few
    // for the tiering heuristics to produce optimized code for the first images.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRow<T>(T* sample, int stride, float* target, int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        float max = float.CreateTruncating(T.AllBitsSet);
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight strided loads, then convert and divide eight lanes at once (IEEE division: the same quotient as scalar).
            Vector256<float> divisor = Vector256.Create(max);
            for (; x <= width - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                T* s = sample + ((nint)x * stride);
                Vector256<int> lanes = Vector256.Create(
                    int.CreateTruncating(s[0]), int.CreateTruncating(s[stride]), int.CreateTruncating(s[2 * stride]), int.CreateTruncating(s[3 * stride]),
                    int.CreateTruncating(s[4 * stride]), int.CreateTruncating(s[5 * stride]), int.CreateTruncating(s[6 * stride]), int.CreateTruncating(s[7 * stride]));
                (Vector256.ConvertToSingle(lanes) / divisor).Store(target + x);
            }
        }

        for (; x < width; x++)
        {
            target[x] = float.CreateTruncating(sample[(nint)x * stride]) / max;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterRow<T>(float* values, T* sample, int stride, int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        float max = float.CreateTruncating(T.AllBitsSet);
        int x = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // The rounding rule on eight lanes (multiply and add stay unfused, as in Quantize), then eight strided stores.
            Vector256<float> scale = Vector256.Create(max);
            Vector256<float> half = Vector256.Create(0.5f);
            for (; x <= width - Vector256<float>.Count; x += Vector256<float>.Count)
            {
                Vector256<float> scaled = (Vector256.Load(values + x) * scale) + half;
                scaled = Vector256.Min(Vector256.MaxNumber(scaled, Vector256<float>.Zero), scale);
                Vector256<int> lanes = Vector256.ConvertToInt32(scaled);
                T* s = sample + ((nint)x * stride);
                s[0] = T.CreateTruncating(lanes.GetElement(0));
                s[stride] = T.CreateTruncating(lanes.GetElement(1));
                s[2 * stride] = T.CreateTruncating(lanes.GetElement(2));
                s[3 * stride] = T.CreateTruncating(lanes.GetElement(3));
                s[4 * stride] = T.CreateTruncating(lanes.GetElement(4));
                s[5 * stride] = T.CreateTruncating(lanes.GetElement(5));
                s[6 * stride] = T.CreateTruncating(lanes.GetElement(6));
                s[7 * stride] = T.CreateTruncating(lanes.GetElement(7));
            }
        }

        for (; x < width; x++)
        {
            sample[(nint)x * stride] = T.CreateTruncating(Quantize(values[x], max));
        }
    }

    private static void FillRow<T>(T* sample, int stride, T value, int width)
        where T : unmanaged
    {
        for (int x = 0; x < width; x++)
        {
            sample[(nint)x * stride] = value;
        }
    }

    private static void CheckMap(ReadOnlySpan<int> map, int expectedLength, int available, bool allowOpaque)
    {
        if (map.Length != expectedLength)
        {
            throw new ArgumentException($"The channel map has {map.Length} entries; {expectedLength} are needed.", nameof(map));
        }

        foreach (int index in map)
        {
            if ((uint)index >= (uint)available && !(allowOpaque && index == Opaque))
            {
                throw new ArgumentOutOfRangeException(nameof(map), index, $"Channel map entries must be in [0, {available}).");
            }
        }
    }

    private static void CheckLength(int length, PlanarImage image, int channels)
    {
        long needed = (long)image.PlaneLength * channels;
        if (length != needed)
        {
            throw new ArgumentException(
                $"A {image.Height}x{image.Width} image with {channels} interleaved channels needs {needed} samples, but the buffer holds {length}.");
        }
    }
}
